using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Checkpoint.Providers;
using Checkpoint.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Checkpoint.Sqlite;

/// <content>Reading checkpoints and threads: one statement per page, streamed.</content>
public sealed partial class SqliteSaver
{
    private const int MaxPageSize = 256;

    private static readonly IReadOnlyDictionary<string, JsonNode?> NoFilter = new Dictionary<string, JsonNode?>();

    /// <inheritdoc />
    protected override async Task<CheckpointTuple?> GetTupleCore(bool async, string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken)
    {
        if (_langGraph is not null)
        {
            return await GetLangGraphTupleAsync(async, threadId, checkpointNs, checkpointId, cancellationToken).ConfigureAwait(false);
        }

        var request = new CheckpointPageRequest(threadId, checkpointNs, checkpointId, null, NoFilter, null, 1, CachedChunksOf(threadId, checkpointNs));
        var page = await _database.RunAsync(async, SqliteAccess.Read, session => ReadPage(session, request), cancellationToken).ConfigureAwait(false);
        return page.Checkpoints.Count == 0 ? null : ToTuple(page.Checkpoints[0], page, NoFilter, request.Cached);
    }

    /// <inheritdoc />
    protected override IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query)
    {
        if (_langGraph is not null)
        {
            return ListLangGraph(query);
        }

        return ListNative(query);
    }

    private IEnumerable<CheckpointTuple> ListNative(CheckpointListQuery query)
    {
        var remaining = query.Limit;
        var request = FirstPage(query);
        while (true)
        {
            var current = request;
            var page = _database.Run(SqliteAccess.Read, session => ReadPage(session, current));
            foreach (var record in page.Checkpoints)
            {
                if (ToTuple(record, page, query.Filter, current.Cached) is { } tuple)
                {
                    yield return tuple;
                    if (remaining is not null && --remaining == 0)
                    {
                        yield break;
                    }
                }
            }

            if (NextPage(current, page, remaining) is not { } next)
            {
                yield break;
            }

            request = next;
        }
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<CheckpointTuple> ListCoreAsync(CheckpointListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_langGraph is not null)
        {
            await foreach (var tuple in ListLangGraphAsync(query, cancellationToken).ConfigureAwait(false))
            {
                yield return tuple;
            }

            yield break;
        }

        var remaining = query.Limit;
        var request = FirstPage(query);
        while (true)
        {
            var current = request;
            var page = await _database.RunAsync(async: true, SqliteAccess.Read, session => ReadPage(session, current), cancellationToken).ConfigureAwait(false);
            foreach (var record in page.Checkpoints)
            {
                if (ToTuple(record, page, query.Filter, current.Cached) is { } tuple)
                {
                    yield return tuple;
                    if (remaining is not null && --remaining == 0)
                    {
                        yield break;
                    }
                }
            }

            if (NextPage(current, page, remaining) is not { } next)
            {
                yield break;
            }

            request = next;
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<ThreadInfo> ListThreadsCore(ThreadListOptions options)
    {
        var after = options.After;
        var remaining = options.Limit;
        while (true)
        {
            var size = Math.Min(remaining ?? MaxPageSize, MaxPageSize);
            var cursor = after;
            var page = _database.Run(SqliteAccess.Read, session => _langGraph is null ? ReadThreads(session, cursor, size) : LangGraphLayoutStore.ReadThreads(session, cursor, size));
            foreach (var thread in page)
            {
                yield return thread;
            }

            remaining -= page.Count;
            if (page.Count < size || remaining == 0)
            {
                yield break;
            }

            after = page[^1].ThreadId;
        }
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<ThreadInfo> ListThreadsCoreAsync(ThreadListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = options.After;
        var remaining = options.Limit;
        while (true)
        {
            var size = Math.Min(remaining ?? MaxPageSize, MaxPageSize);
            var cursor = after;
            var page = await _database.RunAsync(async: true, SqliteAccess.Read, session => _langGraph is null ? ReadThreads(session, cursor, size) : LangGraphLayoutStore.ReadThreads(session, cursor, size), cancellationToken).ConfigureAwait(false);
            foreach (var thread in page)
            {
                yield return thread;
            }

            remaining -= page.Count;
            if (page.Count < size || remaining == 0)
            {
                yield break;
            }

            after = page[^1].ThreadId;
        }
    }

    // The first page is as large as the caller's limit (it asked for that many) or a single row; later pages double,
    // so a caller that stops early has read little and a long listing costs few statements.
    private CheckpointPageRequest FirstPage(CheckpointListQuery query) =>
        new(
            query.ThreadId,
            query.CheckpointNs,
            query.CheckpointId,
            query.Before,
            query.Filter,
            null,
            Math.Min(query.Limit ?? 1, MaxPageSize),
            query.ThreadId is null ? CachedChunks.None : CachedChunksOf(query.ThreadId, query.CheckpointNs));

    private static CheckpointPageRequest? NextPage(CheckpointPageRequest current, CheckpointPage page, int? remaining)
    {
        if (page.Checkpoints.Count < current.Limit || current.CheckpointId is not null && current.ThreadId is not null && current.CheckpointNs is not null)
        {
            return null;
        }

        var size = Math.Min(current.Limit * 2, MaxPageSize);
        return current with { After = page.Checkpoints[^1], Limit = remaining is null ? size : Math.Max(1, Math.Min(size, remaining.Value)) };
    }

    private static CheckpointPage ReadPage(SqliteSession session, CheckpointPageRequest request)
    {
        var shape = request.Shape;
        var command = session.Command(CheckpointSql.Page(shape)).With("$limit", request.Limit);
        if (request.ThreadId is not null)
        {
            command.With("$thread", request.ThreadId);
        }

        if (request.CheckpointNs is not null)
        {
            command.With("$ns", request.CheckpointNs);
        }

        if (request.CheckpointId is not null)
        {
            command.With("$id", request.CheckpointId);
        }

        if (request.Before is not null)
        {
            command.With("$before", request.Before);
        }

        if (request.Filter.Count > 0)
        {
            command.With("$filter", SqlJson.Object(request.Filter));
        }

        if (!request.Cached.IsEmpty)
        {
            command.With("$cached", SqlJson.Array(request.Cached.Versions));
        }

        if (request.After is { } after)
        {
            command.With("$after_id", after.CheckpointId);
            if (!shape.HasFlag(CheckpointPageShape.Thread) || !shape.HasFlag(CheckpointPageShape.Namespace))
            {
                command.With("$after_thread", after.ThreadId).With("$after_ns", after.CheckpointNs);
            }
        }

        var page = new CheckpointPage();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var threadId = reader.GetString(1);
            var ns = reader.GetString(2);
            switch (reader.GetInt32(0))
            {
                case 0:
                    page.Checkpoints.Add(new CheckpointRecord(threadId, ns, reader.GetString(3), reader.GetNullableString(4), reader.GetString(5), reader.GetString(6)));
                    break;
                case 1:
                    page.Blobs[(threadId, ns, reader.GetString(3), reader.GetString(4))] = new SerializedValue(reader.GetString(5), reader.GetBytes(6));
                    break;
                default:
                    var key = (threadId, ns, reader.GetString(3));
                    if (!page.Writes.TryGetValue(key, out var writes))
                    {
                        writes = [];
                        page.Writes[key] = writes;
                    }

                    writes.Add(ReadWrite(reader));
                    break;
            }
        }

        return page;
    }

    private static SerializedWrite ReadWrite(SqliteDataReader reader) =>
        new(reader.GetString(4), reader.GetString(5), reader.GetInt32(6), reader.GetString(7), new SerializedValue(reader.GetNullableString(8) ?? SerializedValue.EmptyType, reader.GetBytes(9)));

    private static List<ThreadInfo> ReadThreads(SqliteSession session, string? after, int limit)
    {
        var command = after is null
            ? session.Command(CheckpointSql.ListThreads)
            : session.Command(CheckpointSql.ListThreadsAfter).With("$after", after);
        command.With("$limit", limit);
        var threads = new List<ThreadInfo>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            threads.Add(new ThreadInfo(reader.GetString(0), reader.GetString(1)));
        }

        return threads;
    }

    /// <summary>Builds the tuple of a stored checkpoint, or <see langword="null"/> when its metadata does not match the filter exactly.</summary>
    private CheckpointTuple? ToTuple(CheckpointRecord record, CheckpointPage page, IReadOnlyDictionary<string, JsonNode?> filter, CachedChunks cached)
    {
        var metadata = ReadStoredMetadata(record.ThreadId, record.CheckpointNs, record.CheckpointId, record.MetadataJson);
        if (filter.Count > 0 && !JsonValueComparer.MetadataMatches(metadata.Values, filter))
        {
            return null;
        }

        var checkpoint = ReadStoredCheckpoint(record.ThreadId, record.CheckpointNs, record.CheckpointId, record.CheckpointJson);
        AssembleChannelValues(record.ThreadId, record.CheckpointNs, checkpoint, page.BlobsOf(record, checkpoint).ToList(), cached);
        return CreateTuple(record.ThreadId, record.CheckpointNs, checkpoint, metadata, record.ParentCheckpointId, page.WritesOf(record));
    }
}
