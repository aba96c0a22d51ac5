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
        _database.RunAsync(async, SqliteAccess.Write, session => _langGraph?.PutWrites(session, request) ?? PutWrites(session, request), cancellationToken).AsTask();

    private static bool Put(SqliteSession session, CheckpointPutRequest request)
    {
        foreach (var blob in request.Blobs)
        {
            session.Command(CheckpointSql.InsertBlob)
                .With("$thread", request.ThreadId)
                .With("$ns", request.CheckpointNs)
                .With("$channel", blob.Channel)
                .With("$version", blob.Version)
                .With("$type", blob.Value.Type)
                .With("$blob", blob.Value.Data ?? [])
                .ExecuteNonQuery();
        }

        session.Command(CheckpointSql.UpsertCheckpoint)
            .With("$thread", request.ThreadId)
            .With("$ns", request.CheckpointNs)
            .With("$id", request.CheckpointId)
            .With("$parent", request.ParentCheckpointId)
            .With("$checkpoint", request.CheckpointJson)
            .With("$metadata", request.MetadataJson)
            .ExecuteNonQuery();
        return true;
    }

    private static bool PutWrites(SqliteSession session, CheckpointPutWritesRequest request)
    {
        foreach (var write in request.Writes)
        {
            session.Command(write.IsUpsert ? CheckpointSql.UpsertWrite : CheckpointSql.InsertWrite)
                .With("$thread", request.ThreadId)
                .With("$ns", request.CheckpointNs)
                .With("$id", request.CheckpointId)
                .With("$task", write.TaskId)
                .With("$idx", write.Index)
                .With("$channel", write.Channel)
                .With("$type", write.Value.Type)
                .With("$blob", write.Value.Data ?? [])
                .With("$path", write.TaskPath)
                .ExecuteNonQuery();
        }

        return true;
    }
}
