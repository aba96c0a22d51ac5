using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>
/// A complete, thread-safe checkpointer that keeps everything in process memory: the reference every backend is
/// compared with, and the saver to use in tests and demos.
/// </summary>
/// <remarks>
/// Values are kept serialized, exactly as a database would hold them, so a value that a real backend could not
/// store fails here too, and changing an object after putting it does not change the saved checkpoint. Channel
/// values are stored once per (namespace, channel, version), like LangGraph's savers. Nothing survives the process.
/// </remarks>
public sealed class InMemorySaver : BaseCheckpointSaver
{
    /// <summary>The schema version <see cref="StorageComponent.Setup"/> records.</summary>
    public static int CurrentSchemaVersion { get; } = 1;

    private readonly InMemoryCheckpointDatabase _database;

    /// <summary>Initializes a saver with its own storage.</summary>
    /// <param name="serializer">The value serializer; <see cref="JsonCheckpointSerializer.Default"/> when <see langword="null"/>.</param>
    public InMemorySaver(ICheckpointSerializer? serializer = null)
        : this(new InMemoryCheckpointDatabase(), serializer)
    {
    }

    /// <summary>Initializes a saver over shared storage.</summary>
    /// <param name="database">The storage, possibly shared with other savers.</param>
    /// <param name="serializer">The value serializer; <see cref="JsonCheckpointSerializer.Default"/> when <see langword="null"/>.</param>
    /// <param name="chunkCache">The bound of the cache of long-list chunks; the default when <see langword="null"/>.</param>
    public InMemorySaver(InMemoryCheckpointDatabase database, ICheckpointSerializer? serializer = null, ChunkCacheOptions? chunkCache = null)
        : base(serializer, CheckpointWireFormat.Native, chunkCache)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Initializes a saver with its own storage, configured by options (serializer, chunk cache, diagnostics).</summary>
    /// <param name="options">The options.</param>
    public InMemorySaver(CheckpointSaverOptions options)
        : this(new InMemoryCheckpointDatabase(), (options ?? throw new ArgumentNullException(nameof(options))).Serializer, options.ChunkCache)
    {
        Diagnostics = options.Diagnostics;
    }

    /// <summary>Gets the storage.</summary>
    public InMemoryCheckpointDatabase Database => _database;

    /// <inheritdoc />
    protected override string DatabaseSystemName => "memory";

    /// <inheritdoc />
    protected override Task SetupCore(bool async, CancellationToken cancellationToken) => _database.Schema.SetupAsync(_database.Gate, CurrentSchemaVersion);

    /// <inheritdoc />
    protected override Task<CheckpointTuple?> GetTupleCore(bool async, string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken)
    {
        InMemoryRow? row;
        lock (_database.Gate)
        {
            if (!_database.Threads.TryGetValue(threadId, out var thread) || !thread.Namespaces.TryGetValue(checkpointNs, out var byId) || byId.Count == 0)
            {
                return Task.FromResult<CheckpointTuple?>(null);
            }

            if (checkpointId is null)
            {
                var latest = byId.Last();
                row = Snapshot(threadId, checkpointNs, latest.Key, latest.Value, thread);
            }
            else
            {
                row = byId.TryGetValue(checkpointId, out var stored) ? Snapshot(threadId, checkpointNs, checkpointId, stored, thread) : null;
            }
        }

        // Values are loaded outside the lock: the snapshot holds all the row's stored parts.
        return Task.FromResult(row is null ? null : ToTuple(row));
    }

    /// <inheritdoc />
    protected override IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query)
    {
        // The rows are taken under the lock, so the result is one consistent snapshot; each tuple is built as the caller
        // enumerates it, so a caller that drops each tuple never holds every checkpoint's values at once.
        List<InMemoryRow> snapshot;
        lock (_database.Gate)
        {
            IEnumerable<KeyValuePair<string, InMemoryThread>> threads = query.ThreadId is null
                ? _database.Threads
                : _database.Threads.TryGetValue(query.ThreadId, out var one) ? [new(query.ThreadId, one)] : [];
            var rows = new List<(string ThreadId, string Ns, string Id, StoredCheckpoint Stored, InMemoryThread Thread)>();
            foreach (var (threadId, thread) in threads)
            {
                foreach (var (ns, byId) in thread.Namespaces)
                {
                    if (query.CheckpointNs is not null && ns != query.CheckpointNs)
                    {
                        continue;
                    }

                    foreach (var (id, stored) in byId)
                    {
                        if ((query.CheckpointId is null || id == query.CheckpointId)
                            && (query.Before is null || CodePointComparer.Instance.Compare(id, query.Before) < 0)
                            && (query.Filter.Count == 0 || JsonValueComparer.MetadataMatches(ReadStoredMetadata(threadId, ns, id, stored.MetadataJson).Values, query.Filter)))
                        {
                            rows.Add((threadId, ns, id, stored, thread));
                        }
                    }
                }
            }

            snapshot = rows
                .OrderByDescending(r => r.Id, CodePointComparer.Instance)
                .ThenBy(r => r.ThreadId, CodePointComparer.Instance)
                .ThenBy(r => r.Ns, CodePointComparer.Instance)
                .Take(query.Limit ?? int.MaxValue)
                .Select(r => Snapshot(r.ThreadId, r.Ns, r.Id, r.Stored, r.Thread))
                .ToList();
        }

        return snapshot.Select(ToTuple);
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<CheckpointTuple> ListCoreAsync(CheckpointListQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var tuple in ListCore(query))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return tuple;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task PutCore(bool async, CheckpointPutRequest request, CancellationToken cancellationToken)
    {
        // The request's checkpoint is the base class's own copy, made for this put and never changed after it, so its
        // versions (a reference per chunk of a long list) are kept as they are rather than copied entry by entry.
        var stored = new StoredCheckpoint(request.CheckpointJson, request.MetadataJson, request.ParentCheckpointId, request.Checkpoint.ChannelVersions);
        lock (_database.Gate)
        {
            var thread = GetOrAddThread(request.ThreadId);
            foreach (var blob in request.Blobs)
            {
                thread.Blobs.TryAdd((request.CheckpointNs, blob.Channel, blob.Version), blob.Value);
            }

            if (!thread.Namespaces.TryGetValue(request.CheckpointNs, out var byId))
            {
                byId = new SortedDictionary<string, StoredCheckpoint>(CodePointComparer.Instance);
                thread.Namespaces[request.CheckpointNs] = byId;
            }

            // Rewriting a checkpoint replaces its content but keeps the parent it was first written with.
            byId[request.CheckpointId] = byId.TryGetValue(request.CheckpointId, out var existing) ? stored with { ParentId = existing.ParentId } : stored;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task PutWritesCore(bool async, CheckpointPutWritesRequest request, CancellationToken cancellationToken)
    {
        lock (_database.Gate)
        {
            var thread = GetOrAddThread(request.ThreadId);
            var key = (request.CheckpointNs, request.CheckpointId);
            if (!thread.Writes.TryGetValue(key, out var byKey))
            {
                byKey = new SortedDictionary<(string, int), SerializedWrite>(WriteKeyComparer.Instance);
                thread.Writes[key] = byKey;
            }

            foreach (var write in request.Writes)
            {
                if (write.IsUpsert)
                {
                    byKey[(write.TaskId, write.Index)] = write;
                }
                else
                {
                    byKey.TryAdd((write.TaskId, write.Index), write);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task DeleteThreadCore(bool async, string threadId, CancellationToken cancellationToken)
    {
        lock (_database.Gate)
        {
            _database.Threads.Remove(threadId);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task DeleteForRunsCore(bool async, IReadOnlyList<string> runIds, CancellationToken cancellationToken)
    {
        var runs = new HashSet<string>(runIds, StringComparer.Ordinal);
        lock (_database.Gate)
        {
            foreach (var thread in _database.Threads.Values)
            {
                var doomed = thread.Namespaces
                    .SelectMany(ns => ns.Value.Where(c => c.Value.TryParseMetadata()?["run_id"] is JsonValue runId && runId.TryGetValue<string>(out var run) && runs.Contains(run))
                                              .Select(c => (ns.Key, c.Key)))
                    .ToList();
                if (doomed.Count > 0)
                {
                    thread.Remove(doomed);
                }
            }

            RemoveEmptyThreads();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task CopyThreadCore(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken)
    {
        lock (_database.Gate)
        {
            if (_database.Threads.TryGetValue(targetThreadId, out var target) && target.HasCheckpoints)
            {
                throw new InvalidOperationException($"Cannot copy thread '{sourceThreadId}' to '{targetThreadId}': the target thread already has checkpoints.");
            }

            if (_database.Threads.TryGetValue(sourceThreadId, out var source) && source.HasCheckpoints)
            {
                _database.Threads[targetThreadId] = source.Copy();
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task PruneCore(bool async, IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken)
    {
        lock (_database.Gate)
        {
            foreach (var threadId in threadIds)
            {
                if (!_database.Threads.TryGetValue(threadId, out var thread))
                {
                    continue;
                }

                if (strategy.Kind == PruneStrategyKind.DeleteAll)
                {
                    _database.Threads.Remove(threadId);
                    continue;
                }

                var doomed = new List<(string, string)>();
                foreach (var (ns, byId) in thread.Namespaces)
                {
                    // Newest first; the newest checkpoint of a namespace is never pruned.
                    var ids = byId.Keys.Reverse().ToList();
                    var candidates = strategy.Kind == PruneStrategyKind.KeepLast
                        ? ids.Skip(strategy.KeepCount)
                        : ids.Skip(1).Where(id => byId[id].TryGetTimestamp() is { } ts && ts < strategy.Cutoff);
                    doomed.AddRange(candidates.Select(id => (ns, id)));
                }

                thread.Remove(doomed);
            }

            RemoveEmptyThreads();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override IEnumerable<ThreadInfo> ListThreadsCore(ThreadListOptions options)
    {
        List<ThreadInfo> threads;
        lock (_database.Gate)
        {
            threads = [.. _database.Threads
                .Where(t => t.Value.HasCheckpoints && (options.After is null || CodePointComparer.Instance.Compare(t.Key, options.After) > 0))
                .OrderBy(t => t.Key, CodePointComparer.Instance)
                .Take(options.Limit ?? int.MaxValue)
                .Select(t => new ThreadInfo(t.Key, t.Value.Namespaces.Values.Where(n => n.Count > 0).Select(n => n.Keys.Last()).Max(CodePointComparer.Instance)!))];
        }

        return threads;
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<ThreadInfo> ListThreadsCoreAsync(ThreadListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var thread in ListThreadsCore(options))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return thread;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private InMemoryThread GetOrAddThread(string threadId)
    {
        if (!_database.Threads.TryGetValue(threadId, out var thread))
        {
            thread = new InMemoryThread();
            _database.Threads[threadId] = thread;
        }

        return thread;
    }

    private void RemoveEmptyThreads()
    {
        foreach (var (threadId, thread) in _database.Threads.Where(t => !t.Value.HasCheckpoints && t.Value.Writes.Count == 0).ToList())
        {
            _database.Threads.Remove(threadId);
        }
    }

    /// <summary>Takes what a tuple is built from (under the lock): the parsed checkpoint, its blobs and its pending writes.</summary>
    private static InMemoryRow Snapshot(string threadId, string ns, string id, StoredCheckpoint stored, InMemoryThread thread)
    {
        var checkpoint = ReadStoredCheckpoint(threadId, ns, id, stored.CheckpointJson);
        var blobs = new List<SerializedBlob>(checkpoint.ChannelVersions.Count);
        foreach (var (channel, version) in checkpoint.ChannelVersions)
        {
            if (thread.Blobs.TryGetValue((ns, channel, version), out var blob))
            {
                blobs.Add(new SerializedBlob(channel, version, blob));
            }
        }

        SerializedWrite[] writes = thread.Writes.TryGetValue((ns, id), out var byKey) ? [.. byKey.Values] : [];
        return new InMemoryRow(threadId, ns, checkpoint, stored, blobs, writes);
    }

    private CheckpointTuple ToTuple(InMemoryRow row)
    {
        AssembleChannelValues(row.ThreadId, row.Ns, row.Checkpoint, row.Blobs);
        return CreateTuple(row.ThreadId, row.Ns, row.Checkpoint, ReadStoredMetadata(row.ThreadId, row.Ns, row.Checkpoint.Id, row.Stored.MetadataJson), row.Stored.ParentId, row.Writes);
    }
}
