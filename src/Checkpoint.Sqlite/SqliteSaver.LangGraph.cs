using System.Runtime.CompilerServices;
using Checkpoint.Providers;
using Checkpoint.Sqlite.Internal;

namespace Checkpoint.Sqlite;

/// <content>
/// Reading LangGraph's SQLite layout (<see cref="SqliteLayout.LangGraph"/>): pages of whole checkpoints, filtered by
/// metadata in SQL, each row decoded only when the enumeration reaches it.
/// </content>
public sealed partial class SqliteSaver
{
    private async Task<CheckpointTuple?> GetLangGraphTupleAsync(bool async, string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken)
    {
        var query = new CheckpointListQuery(threadId, checkpointNs, checkpointId, NoFilter, null, 1);
        var page = await _database.RunAsync(async, SqliteAccess.Read, session => _langGraph!.ReadPage(session, query, null, 1), cancellationToken).ConfigureAwait(false);
        return page.Count == 0 ? null : ToTuple(page[0], NoFilter);
    }

    private IEnumerable<CheckpointTuple> ListLangGraph(CheckpointListQuery query)
    {
        var remaining = query.Limit;
        LangGraphRecord? after = null;
        while (true)
        {
            var size = PageSize(remaining);
            var cursor = after;
            var page = _database.Run(SqliteAccess.Read, session => _langGraph!.ReadPage(session, query, cursor, size));
            foreach (var record in page)
            {
                if (ToTuple(record, query.Filter) is { } tuple)
                {
                    yield return tuple;
                    if (remaining is not null && --remaining == 0)
                    {
                        yield break;
                    }
                }
            }

            if (page.Count < size)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    private async IAsyncEnumerable<CheckpointTuple> ListLangGraphAsync(CheckpointListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var remaining = query.Limit;
        LangGraphRecord? after = null;
        while (true)
        {
            var size = PageSize(remaining);
            var cursor = after;
            var page = await _database.RunAsync(async: true, SqliteAccess.Read, session => _langGraph!.ReadPage(session, query, cursor, size), cancellationToken).ConfigureAwait(false);
            foreach (var record in page)
            {
                if (ToTuple(record, query.Filter) is { } tuple)
                {
                    yield return tuple;
                    if (remaining is not null && --remaining == 0)
                    {
                        yield break;
                    }
                }
            }

            if (page.Count < size)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    private static int PageSize(int? remaining) => Math.Clamp(remaining ?? MaxPageSize, 1, 64);

    // Metadata is decoded first and the checkpoint only for a row that matches: the SQL filter only narrows.
    private CheckpointTuple? ToTuple(LangGraphRecord record, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> filter)
    {
        var metadata = LangGraphLayoutStore.ReadMetadata(record);
        return filter.Count > 0 && !JsonValueComparer.MetadataMatches(metadata.Values, filter)
            ? null
            : CreateTuple(record.ThreadId, record.CheckpointNs, _langGraph!.ReadCheckpoint(record), metadata, record.ParentCheckpointId, record.Writes);
    }
}
