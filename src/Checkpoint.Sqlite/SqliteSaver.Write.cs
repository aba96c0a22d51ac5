using Checkpoint.Providers;
using Checkpoint.Sqlite.Internal;

namespace Checkpoint.Sqlite;

/// <content>Writing: put and pending writes, each one transaction.</content>
public sealed partial class SqliteSaver
{
    /// <inheritdoc />
    protected override Task PutCore(bool async, CheckpointPutRequest request, CancellationToken cancellationToken) =>
        _database.RunAsync(async, SqliteAccess.Write, session => _langGraph?.Put(session, request) ?? Put(session, request), cancellationToken).AsTask();

    /// <inheritdoc />
    protected override Task PutWritesCore(bool async, CheckpointPutWritesRequest request, CancellationToken cancellationToken) =>
        _database.RunAsync(async, SqliteAccess.Write, session => _langGraph is null
            ? PendingWriteStatements.Run(session, request, CheckpointSql.InsertWrite, CheckpointSql.UpsertWrite, withTaskPath: true)
            : PendingWriteStatements.Run(session, request, LangGraphLayoutSql.InsertWrite, LangGraphLayoutSql.UpsertWrite, withTaskPath: false), cancellationToken).AsTask();

    private static bool Put(SqliteSession session, CheckpointPutRequest request)
    {
        // Blobs written before (unchanged chunks of long lists) are only checked, all in one statement: inside this
        // write transaction nobody can delete them before the commit. When one is gone, they are all written again.
        var known = request.Blobs.Where(b => b.WrittenBefore).ToList();
        var rewriteKnown = known.Count > 0 && session.Statement(CheckpointSql.CountBlobs)
            .Bind("$thread", request.ThreadId)
            .Bind("$ns", request.CheckpointNs)
            .Bind("$keys", SqlJson.Tuples(known.Select(b => new[] { b.Channel, b.Version })))
            .ExecuteScalar() != known.Count;
        foreach (var blob in request.Blobs)
        {
            if (blob.WrittenBefore && !rewriteKnown)
            {
                continue;
            }

            session.Statement(CheckpointSql.InsertBlob)
                .Bind("$thread", request.ThreadId)
                .Bind("$ns", request.CheckpointNs)
                .Bind("$channel", blob.Channel)
                .Bind("$version", blob.Version)
                .Bind("$type", blob.Value.Type)
                .Bind("$blob", blob.Value.Data ?? [])
                .Execute();
        }

        session.Statement(CheckpointSql.UpsertCheckpoint)
            .Bind("$thread", request.ThreadId)
            .Bind("$ns", request.CheckpointNs)
            .Bind("$id", request.CheckpointId)
            .Bind("$parent", request.ParentCheckpointId)
            .Bind("$checkpoint", request.CheckpointJson)
            .Bind("$metadata", request.MetadataJson)
            .Execute();
        return true;
    }
}
