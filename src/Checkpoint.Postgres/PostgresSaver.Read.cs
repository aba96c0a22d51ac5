using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Checkpoint.Postgres.Internal;
using Checkpoint.Providers;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres;

/// <content>Get-tuple and list: one query returns checkpoints with their blobs and pending writes.</content>
public sealed partial class PostgresSaver
{
    private const int ThreadIdColumn = 0;
    private const int CheckpointNsColumn = 1;
    private const int ParentColumn = 3;
    private const int CheckpointColumn = 4;
    private const int MetadataColumn = 5;
    private const int BlobChannelsColumn = 6;
    private const int WriteTaskIdsColumn = 10;

    /// <inheritdoc />
    protected override async Task<CheckpointTuple?> GetTupleCore(bool async, string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken)
    {
        await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
        var cached = CachedChunksOf(threadId, checkpointNs);
        await using var batch = CreateSelect(connection, threadId, checkpointNs, checkpointId, before: null, filter: null, limit: checkpointId is null ? 1 : null, cached);
        await using var reader = await _executor.ExecuteReaderAsync(async, batch, cancellationToken).ConfigureAwait(false);
        return (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read()) ? ReadTuple(reader, cached) : null;
    }

    /// <inheritdoc />
    protected override IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query)
    {
        if (FilterCannotMatch(query))
        {
            yield break;
        }

        using var connection = _executor.Open();
        var cached = query.ThreadId is null ? CachedChunks.None : CachedChunksOf(query.ThreadId, query.CheckpointNs);
        using var batch = CreateSelect(connection, query.ThreadId, query.CheckpointNs, query.CheckpointId, query.Before, query.Filter, query.Limit, cached);
        using var reader = _executor.ExecuteReaderAsync(async: false, batch, CancellationToken.None).GetAwaiter().GetResult();
        while (reader.Read())
        {
            yield return ReadTuple(reader, cached);
        }
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<CheckpointTuple> ListCoreAsync(CheckpointListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (FilterCannotMatch(query))
        {
            yield break;
        }

        await using var connection = await _executor.OpenAsync(async: true, cancellationToken).ConfigureAwait(false);
        var cached = query.ThreadId is null ? CachedChunks.None : CachedChunksOf(query.ThreadId, query.CheckpointNs);
        await using var batch = CreateSelect(connection, query.ThreadId, query.CheckpointNs, query.CheckpointId, query.Before, query.Filter, query.Limit, cached);
        await using var reader = await _executor.ExecuteReaderAsync(async: true, batch, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadTuple(reader, cached);
        }
    }

    /// <inheritdoc />
    protected override IEnumerable<ThreadInfo> ListThreadsCore(ThreadListOptions options)
    {
        using var connection = _executor.Open();
        using var batch = CreateListThreads(connection, options);
        using var reader = _executor.ExecuteReaderAsync(async: false, batch, CancellationToken.None).GetAwaiter().GetResult();
        while (reader.Read())
        {
            yield return new ThreadInfo(reader.GetString(0), reader.GetString(1));
        }
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<ThreadInfo> ListThreadsCoreAsync(ThreadListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _executor.OpenAsync(async: true, cancellationToken).ConfigureAwait(false);
        await using var batch = CreateListThreads(connection, options);
        await using var reader = await _executor.ExecuteReaderAsync(async: true, batch, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new ThreadInfo(reader.GetString(0), reader.GetString(1));
        }
    }

    /// <summary>No stored metadata holds NUL (puts refuse it), so a filter value with one matches nothing.</summary>
    private static bool FilterCannotMatch(CheckpointListQuery query) => query.Filter.Values.Any(JsonNulGuard.ContainsNul);

    private NpgsqlBatch CreateSelect(NpgsqlConnection connection, string? threadId, string? checkpointNs, string? checkpointId, string? before, IReadOnlyDictionary<string, JsonNode?>? filter, int? limit, CachedChunks cached)
    {
        var shape = SelectShape.None;
        var command = new NpgsqlBatchCommand();
        if (threadId is not null)
        {
            shape |= SelectShape.Thread;
            command.AddText(threadId);
        }

        if (checkpointNs is not null)
        {
            shape |= SelectShape.Namespace;
            command.AddText(checkpointNs);
        }

        if (checkpointId is not null)
        {
            shape |= SelectShape.CheckpointId;
            command.AddText(checkpointId);
        }

        if (before is not null)
        {
            shape |= SelectShape.Before;
            command.AddText(before);
        }

        if (filter is { Count: > 0 })
        {
            shape |= SelectShape.Filter;
            var json = new JsonObject();
            foreach (var (key, value) in filter)
            {
                json[key] = value?.DeepClone();
            }

            command.Add(json.ToJsonString(), NpgsqlDbType.Jsonb);
        }

        if (limit is not null)
        {
            shape |= SelectShape.Limit;
            command.Add(limit.Value, NpgsqlDbType.Integer);
        }

        if (!cached.IsEmpty)
        {
            shape |= SelectShape.Cached;
            command.AddTextArray([.. cached.Keys.Select(k => k.Channel)]).AddTextArray([.. cached.Keys.Select(k => k.Version)]);
        }

        command.CommandText = _sql.Select(shape);
        return new NpgsqlBatch(connection) { BatchCommands = { command } };
    }

    private NpgsqlBatch CreateListThreads(NpgsqlConnection connection, ThreadListOptions options)
    {
        var command = new NpgsqlBatchCommand(_sql.ListThreads(options.After is not null, options.Limit is not null));
        if (options.After is not null)
        {
            command.AddText(options.After);
        }

        if (options.Limit is { } limit)
        {
            command.Add(limit, NpgsqlDbType.Integer);
        }

        return new NpgsqlBatch(connection) { BatchCommands = { command } };
    }

    private CheckpointTuple ReadTuple(NpgsqlDataReader reader, CachedChunks cached)
    {
        var threadId = reader.GetString(ThreadIdColumn);
        var checkpointNs = reader.GetString(CheckpointNsColumn);
        var parentId = reader.IsDBNull(ParentColumn) ? null : reader.GetString(ParentColumn);
        var checkpointId = reader.GetString(2);
        var checkpoint = ReadStoredCheckpoint(threadId, checkpointNs, checkpointId, reader.GetString(CheckpointColumn));
        var metadata = ReadStoredMetadata(threadId, checkpointNs, checkpointId, reader.GetString(MetadataColumn));

        if (!reader.IsDBNull(BlobChannelsColumn))
        {
            var channels = reader.GetFieldValue<string[]>(BlobChannelsColumn);
            var versions = reader.GetFieldValue<string[]>(BlobChannelsColumn + 1);
            var types = reader.GetFieldValue<string[]>(BlobChannelsColumn + 2);
            var data = reader.GetFieldValue<byte[]?[]>(BlobChannelsColumn + 3);
            var blobs = new SerializedBlob[channels.Length];
            for (var i = 0; i < channels.Length; i++)
            {
                blobs[i] = new SerializedBlob(channels[i], versions[i], new SerializedValue(types[i], data[i] ?? []));
            }

            AssembleChannelValues(threadId, checkpointNs, checkpoint, blobs, cached);
        }

        var writes = new List<SerializedWrite>();
        if (!reader.IsDBNull(WriteTaskIdsColumn))
        {
            var taskIds = reader.GetFieldValue<string[]>(WriteTaskIdsColumn);
            var taskPaths = reader.GetFieldValue<string[]>(WriteTaskIdsColumn + 1);
            var indexes = reader.GetFieldValue<int[]>(WriteTaskIdsColumn + 2);
            var channels = reader.GetFieldValue<string[]>(WriteTaskIdsColumn + 3);
            var types = reader.GetFieldValue<string?[]>(WriteTaskIdsColumn + 4);
            var data = reader.GetFieldValue<byte[][]>(WriteTaskIdsColumn + 5);
            for (var i = 0; i < taskIds.Length; i++)
            {
                writes.Add(new SerializedWrite(taskIds[i], taskPaths[i], indexes[i], channels[i], new SerializedValue(types[i] ?? string.Empty, data[i])));
            }
        }

        return CreateTuple(threadId, checkpointNs, checkpoint, metadata, parentId, writes);
    }
}
