using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>
/// A checkpointer: saves the state of a graph thread after every step and reads it back (LangGraph's
/// <c>BaseCheckpointSaver</c>), with a sync and an async form of every operation.
/// </summary>
/// <remarks>
/// <para>
/// The public methods validate their arguments, serialize values and apply the behaviour every backend shares
/// (defaults, the legacy pending-sends migration, delta-channel history); backends implement the protected
/// <c>...Core</c> methods with their database's sync and async APIs. A backend must make <see cref="Put"/> atomic:
/// a reader never sees a checkpoint whose channel values are missing.
/// </para>
/// <para>Instances are thread-safe and meant to be shared (register them as singletons).</para>
/// </remarks>
public abstract partial class BaseCheckpointSaver : StorageComponent
{
    private readonly ChunkedValues _chunks;

    /// <summary>Initializes the saver.</summary>
    /// <param name="serializer">The value serializer; <see cref="JsonCheckpointSerializer.Default"/> when <see langword="null"/>.</param>
    protected BaseCheckpointSaver(ICheckpointSerializer? serializer = null)
        : this(serializer, CheckpointWireFormat.Native)
    {
    }

    /// <summary>Initializes the saver with the format it writes.</summary>
    /// <param name="serializer">
    /// The value serializer; <see cref="JsonCheckpointSerializer.Default"/> when <see langword="null"/>. With a LangGraph
    /// <paramref name="wireFormat"/>, values are written by a <see cref="LangGraphSerializer"/> and this serializer only
    /// reads values in its own tags.
    /// </param>
    /// <param name="wireFormat">The format of what this saver writes; every format is read whatever this is.</param>
    /// <exception cref="ArgumentException">A LangGraph wire format is combined with an <see cref="EncryptedSerializer"/> (LangGraph could not read the values).</exception>
    protected BaseCheckpointSaver(ICheckpointSerializer? serializer, CheckpointWireFormat wireFormat)
        : this(serializer, wireFormat, chunkCache: null)
    {
    }

    /// <summary>Initializes the saver with the format it writes and the bound of its chunk cache.</summary>
    /// <param name="serializer">
    /// The value serializer; <see cref="JsonCheckpointSerializer.Default"/> when <see langword="null"/>. With a LangGraph
    /// <paramref name="wireFormat"/>, values are written by a <see cref="LangGraphSerializer"/> and this serializer only
    /// reads values in its own tags.
    /// </param>
    /// <param name="wireFormat">The format of what this saver writes; every format is read whatever this is.</param>
    /// <param name="chunkCache">The bound of the cache of long-list chunks; <see cref="ChunkCacheOptions.DefaultMaxBytes"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A LangGraph wire format is combined with an <see cref="EncryptedSerializer"/> (LangGraph could not read the values).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ChunkCacheOptions.MaxBytes"/> is negative.</exception>
    protected BaseCheckpointSaver(ICheckpointSerializer? serializer, CheckpointWireFormat wireFormat, ChunkCacheOptions? chunkCache)
    {
        if (chunkCache?.MaxBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(chunkCache), chunkCache.MaxBytes, "The chunk cache bound cannot be negative; use 0 to turn the cache off.");
        }

        WireFormat = wireFormat;
        Serializer = wireFormat switch
        {
            CheckpointWireFormat.Native => serializer ?? JsonCheckpointSerializer.Default,
            CheckpointWireFormat.LangGraphJs or CheckpointWireFormat.LangGraphPython => serializer is EncryptedSerializer
                ? throw new ArgumentException(
                    $"The wire format {wireFormat} writes values LangGraph reads, so it cannot be combined with an EncryptedSerializer: " +
                    "LangGraph could not decrypt them. Use CheckpointWireFormat.Native to keep values encrypted.",
                    nameof(serializer))
                : new LangGraphSerializer(wireFormat, serializer),
            _ => throw new ArgumentOutOfRangeException(nameof(wireFormat), wireFormat, "Unknown wire format."),
        };
        _chunks = new ChunkedValues(Serializer, chunkCache);
    }

    /// <summary>Gets the saver's long-list chunks and their cache.</summary>
    internal ChunkedValues Chunks => _chunks;

    /// <summary>Gets the serializer of channel and write values.</summary>
    public ICheckpointSerializer Serializer { get; }

    /// <summary>Gets the format this saver writes; see <see cref="CheckpointWireFormat"/>.</summary>
    public CheckpointWireFormat WireFormat { get; }

    /// <summary>Returns the checkpoint addressed by <paramref name="config"/>; see <see cref="GetTuple"/>.</summary>
    /// <param name="config">The thread, namespace and optional checkpoint id.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when there is none.</returns>
    public GraphCheckpoint? Get(RunConfig config) => GetTuple(config)?.Checkpoint;

    /// <summary>Returns the checkpoint addressed by <paramref name="config"/>; see <see cref="GetTupleAsync(RunConfig, CancellationToken)"/>.</summary>
    /// <param name="config">The thread, namespace and optional checkpoint id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when there is none.</returns>
    public async Task<GraphCheckpoint?> GetAsync(RunConfig config, CancellationToken cancellationToken = default) =>
        (await GetTupleAsync(config, cancellationToken).ConfigureAwait(false))?.Checkpoint;

    /// <summary>
    /// Returns a checkpoint with its metadata, parent and pending writes: the one named by
    /// <see cref="RunConfig.CheckpointId"/>, or the newest (largest id) of the thread's namespace when no id is given.
    /// </summary>
    /// <param name="config">The thread, namespace (default <c>""</c>) and optional checkpoint id.</param>
    /// <returns>The tuple, or <see langword="null"/> for an unknown thread or id, or when <see cref="RunConfig.ThreadId"/> is missing.</returns>
    public CheckpointTuple? GetTuple(RunConfig config) => SyncPath.Result(GetTupleAsync(async: false, config, CancellationToken.None));

    /// <summary>Asynchronously returns a checkpoint tuple; see <see cref="GetTuple"/>.</summary>
    /// <param name="config">The thread, namespace (default <c>""</c>) and optional checkpoint id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The tuple, or <see langword="null"/> for an unknown thread or id, or when <see cref="RunConfig.ThreadId"/> is missing.</returns>
    public Task<CheckpointTuple?> GetTupleAsync(RunConfig config, CancellationToken cancellationToken = default) =>
        GetTupleAsync(async: true, config, cancellationToken);

    /// <summary>
    /// Lists checkpoints, newest first (ordinal order of ids, descending). Results are streamed: the backend reads
    /// only what the caller enumerates.
    /// </summary>
    /// <param name="config">
    /// <see langword="null"/> or a config without <see cref="RunConfig.ThreadId"/> lists every thread.
    /// A <see langword="null"/> <see cref="RunConfig.CheckpointNs"/> lists every namespace; <c>""</c> only the root.
    /// A <see cref="RunConfig.CheckpointId"/> restricts the result to that checkpoint.
    /// </param>
    /// <param name="options">The metadata filter, <c>before</c> bound and limit.</param>
    /// <returns>The matching checkpoints.</returns>
    /// <exception cref="ArgumentException">The thread id is empty, the filter has an empty key, or the limit is negative.</exception>
    public IEnumerable<CheckpointTuple> List(RunConfig? config, CheckpointListOptions? options = null)
    {
        ThrowIfDisposed();
        var query = CreateListQuery(config, options);
        return query.Limit == 0 ? [] : ApplyPendingSendsMigration(ObservedList(query));
    }

    /// <summary>Asynchronously lists checkpoints, newest first; see <see cref="List"/>.</summary>
    /// <param name="config">The thread and namespace to list, or <see langword="null"/> for every thread.</param>
    /// <param name="options">The metadata filter, <c>before</c> bound and limit.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The matching checkpoints.</returns>
    /// <exception cref="ArgumentException">The thread id is empty, the filter has an empty key, or the limit is negative.</exception>
    public IAsyncEnumerable<CheckpointTuple> ListAsync(RunConfig? config, CheckpointListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var query = CreateListQuery(config, options);
        return query.Limit == 0 ? AsyncEnumerable.Empty<CheckpointTuple>() : ApplyPendingSendsMigrationAsync(ObservedListAsync(query, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Saves a checkpoint. Only the channels named in <paramref name="newVersions"/> get their values written; every
    /// other channel is found again through its unchanged version, so storage per step grows with what changed.
    /// </summary>
    /// <param name="config">The thread and namespace; its <see cref="RunConfig.CheckpointId"/> is the <em>parent</em> of the new checkpoint.</param>
    /// <param name="checkpoint">The checkpoint; its <see cref="GraphCheckpoint.Id"/> is the new id.</param>
    /// <param name="metadata">The metadata, stored as given.</param>
    /// <param name="newVersions">The channels whose version changed in this step, with their new versions.</param>
    /// <returns>A config holding only the thread, the namespace and the new checkpoint id.</returns>
    /// <exception cref="ArgumentException">The thread id or checkpoint id is missing, or an identifier contains a NUL character.</exception>
    /// <exception cref="CheckpointSerializationException">A channel value cannot be serialized; nothing is written.</exception>
    public RunConfig Put(RunConfig config, GraphCheckpoint checkpoint, CheckpointMetadata metadata, IReadOnlyDictionary<string, string> newVersions)
    {
        ThrowIfDisposed();
        var request = PreparePut(config, checkpoint, metadata, newVersions);
        SyncPath.Wait(ObservedPut(async: false, request, CancellationToken.None));
        return new RunConfig(request.ThreadId, request.CheckpointNs, request.CheckpointId);
    }

    /// <summary>Asynchronously saves a checkpoint; see <see cref="Put"/>.</summary>
    /// <param name="config">The thread and namespace; its <see cref="RunConfig.CheckpointId"/> is the <em>parent</em> of the new checkpoint.</param>
    /// <param name="checkpoint">The checkpoint; its <see cref="GraphCheckpoint.Id"/> is the new id.</param>
    /// <param name="metadata">The metadata, stored as given.</param>
    /// <param name="newVersions">The channels whose version changed in this step, with their new versions.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A config holding only the thread, the namespace and the new checkpoint id.</returns>
    /// <exception cref="ArgumentException">The thread id or checkpoint id is missing, or an identifier contains a NUL character.</exception>
    /// <exception cref="CheckpointSerializationException">A channel value cannot be serialized; nothing is written.</exception>
    public async Task<RunConfig> PutAsync(RunConfig config, GraphCheckpoint checkpoint, CheckpointMetadata metadata, IReadOnlyDictionary<string, string> newVersions, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var request = PreparePut(config, checkpoint, metadata, newVersions);
        cancellationToken.ThrowIfCancellationRequested();
        await ObservedPut(async: true, request, cancellationToken).ConfigureAwait(false);
        return new RunConfig(request.ThreadId, request.CheckpointNs, request.CheckpointId);
    }

    /// <summary>
    /// Saves the writes of one task against the checkpoint named by <paramref name="config"/>. Writes to regular
    /// channels are insert-if-absent (a retried call stores nothing twice); writes to special channels
    /// (<see cref="SpecialChannels"/>) replace the task's previous one.
    /// </summary>
    /// <param name="config">The thread, namespace and checkpoint id (required).</param>
    /// <param name="writes">The writes, in the order the task made them.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="taskPath">The task's path in the graph; empty for writes from the graph input.</param>
    /// <exception cref="ArgumentException">The thread id, checkpoint id or task id is missing.</exception>
    /// <exception cref="CheckpointSerializationException">A value cannot be serialized; nothing is written.</exception>
    public void PutWrites(RunConfig config, IReadOnlyList<ChannelWrite> writes, string taskId, string taskPath = "")
    {
        ThrowIfDisposed();
        if (PreparePutWrites(config, writes, taskId, taskPath) is { } request)
        {
            SyncPath.Wait(ObservedPutWrites(async: false, request, CancellationToken.None));
        }
    }

    /// <summary>Asynchronously saves the writes of one task; see <see cref="PutWrites"/>.</summary>
    /// <param name="config">The thread, namespace and checkpoint id (required).</param>
    /// <param name="writes">The writes, in the order the task made them.</param>
    /// <param name="taskId">The task.</param>
    /// <param name="taskPath">The task's path in the graph; empty for writes from the graph input.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the writes are durable.</returns>
    /// <exception cref="ArgumentException">The thread id, checkpoint id or task id is missing.</exception>
    /// <exception cref="CheckpointSerializationException">A value cannot be serialized; nothing is written.</exception>
    public Task PutWritesAsync(RunConfig config, IReadOnlyList<ChannelWrite> writes, string taskId, string taskPath = "", CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var request = PreparePutWrites(config, writes, taskId, taskPath);
        if (request is null)
        {
            return Task.CompletedTask;
        }

        return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : ObservedPutWrites(async: true, request, cancellationToken);
    }

    /// <summary>Removes every checkpoint, value and write of a thread, in all namespaces. An unknown thread is not an error.</summary>
    /// <param name="threadId">The thread.</param>
    public void DeleteThread(string threadId)
    {
        ThrowIfDisposed();
        ValidateIdentifier(threadId, nameof(threadId));
        SyncPath.Wait(ObservedDeleteThread(async: false, threadId, CancellationToken.None));
    }

    /// <summary>Asynchronously removes a thread; see <see cref="DeleteThread"/>.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the thread is gone.</returns>
    public Task DeleteThreadAsync(string threadId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ValidateIdentifier(threadId, nameof(threadId));
        return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : ObservedDeleteThread(async: true, threadId, cancellationToken);
    }

    /// <summary>
    /// Removes the checkpoints whose metadata <c>run_id</c> is one of <paramref name="runIds"/> (in every thread and
    /// namespace), with their writes and the values no remaining checkpoint refers to.
    /// </summary>
    /// <param name="runIds">The runs; an empty list does nothing.</param>
    public void DeleteForRuns(IEnumerable<string> runIds)
    {
        ThrowIfDisposed();
        var ids = DistinctIdentifiers(runIds, nameof(runIds));
        if (ids.Count > 0)
        {
            SyncPath.Wait(ObservedDeleteForRuns(async: false, ids, CancellationToken.None));
        }
    }

    /// <summary>Asynchronously removes the checkpoints of some runs; see <see cref="DeleteForRuns"/>.</summary>
    /// <param name="runIds">The runs; an empty list does nothing.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the checkpoints are gone.</returns>
    public Task DeleteForRunsAsync(IEnumerable<string> runIds, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var ids = DistinctIdentifiers(runIds, nameof(runIds));
        if (ids.Count == 0)
        {
            return Task.CompletedTask;
        }

        return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : ObservedDeleteForRuns(async: true, ids, cancellationToken);
    }

    /// <summary>
    /// Copies every checkpoint, value and write of a thread (all namespaces, same ids, same parent chain) to another
    /// thread. Copying an unknown thread does nothing.
    /// </summary>
    /// <remarks>
    /// When the serializer binds values to their location (<see cref="ICheckpointSerializer.BindsLocation"/>, as
    /// <see cref="EncryptedSerializer"/> does), every value is read and serialized again for the target thread, oldest
    /// checkpoint first, instead of being copied as stored bytes; that copy is not atomic.
    /// </remarks>
    /// <param name="sourceThreadId">The thread to copy.</param>
    /// <param name="targetThreadId">The new thread; it must hold no checkpoints.</param>
    /// <exception cref="ArgumentException">The two ids are equal.</exception>
    /// <exception cref="InvalidOperationException">The target thread already has checkpoints; nothing is copied.</exception>
    public void CopyThread(string sourceThreadId, string targetThreadId)
    {
        ThrowIfDisposed();
        ValidateCopy(sourceThreadId, targetThreadId);
        SyncPath.Wait(ObservedCopyThread(async: false, sourceThreadId, targetThreadId, CancellationToken.None));
    }

    /// <summary>Asynchronously copies a thread; see <see cref="CopyThread"/>.</summary>
    /// <param name="sourceThreadId">The thread to copy.</param>
    /// <param name="targetThreadId">The new thread; it must hold no checkpoints.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the copy is complete.</returns>
    /// <exception cref="ArgumentException">The two ids are equal.</exception>
    /// <exception cref="InvalidOperationException">The target thread already has checkpoints; nothing is copied.</exception>
    public Task CopyThreadAsync(string sourceThreadId, string targetThreadId, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ValidateCopy(sourceThreadId, targetThreadId);
        return cancellationToken.IsCancellationRequested
            ? Task.FromCanceled(cancellationToken)
            : ObservedCopyThread(async: true, sourceThreadId, targetThreadId, cancellationToken);
    }

    /// <summary>Removes old checkpoints of the given threads according to <paramref name="strategy"/>.</summary>
    /// <param name="threadIds">The threads; an empty list does nothing, unknown threads are ignored.</param>
    /// <param name="strategy">What to keep.</param>
    public void Prune(IEnumerable<string> threadIds, PruneStrategy strategy)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(strategy);
        var ids = DistinctIdentifiers(threadIds, nameof(threadIds));
        if (ids.Count > 0)
        {
            SyncPath.Wait(ObservedPrune(async: false, ids, strategy, CancellationToken.None));
        }
    }

    /// <summary>Asynchronously removes old checkpoints; see <see cref="Prune"/>.</summary>
    /// <param name="threadIds">The threads; an empty list does nothing, unknown threads are ignored.</param>
    /// <param name="strategy">What to keep.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when pruning is done.</returns>
    public Task PruneAsync(IEnumerable<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(strategy);
        var ids = DistinctIdentifiers(threadIds, nameof(threadIds));
        if (ids.Count == 0)
        {
            return Task.CompletedTask;
        }

        return cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : ObservedPrune(async: true, ids, strategy, cancellationToken);
    }

    /// <summary>Lists the threads that have checkpoints, in ordinal order of their ids, without reading checkpoint contents.</summary>
    /// <param name="options">A cursor and a limit.</param>
    /// <returns>The threads.</returns>
    public IEnumerable<ThreadInfo> ListThreads(ThreadListOptions? options = null)
    {
        ThrowIfDisposed();
        options = ValidateThreadListOptions(options);
        return options.Limit == 0 ? [] : ObservedListThreads(options);
    }

    /// <summary>Asynchronously lists the threads that have checkpoints; see <see cref="ListThreads"/>.</summary>
    /// <param name="options">A cursor and a limit.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The threads.</returns>
    public IAsyncEnumerable<ThreadInfo> ListThreadsAsync(ThreadListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        options = ValidateThreadListOptions(options);
        return options.Limit == 0 ? AsyncEnumerable.Empty<ThreadInfo>() : ObservedListThreadsAsync(options, cancellationToken);
    }

    /// <summary>
    /// Returns the version that follows <paramref name="current"/> for a channel, in the form <paramref name="current"/>
    /// has (so a thread LangGraph.js created keeps integer versions); a new channel gets the form of
    /// <see cref="WireFormat"/>. See <see cref="ChannelVersion"/>.
    /// </summary>
    /// <param name="current">The current version, or <see langword="null"/> for a new channel.</param>
    /// <returns>The next version.</returns>
    public virtual string GetNextVersion(string? current) => ChannelVersion.Next(current, WireFormat);

    private async Task<CheckpointTuple?> GetTupleAsync(bool async, RunConfig config, CancellationToken cancellationToken) =>
        ReadableThread(config, cancellationToken) is null ? null : await ObservedGetTuple(async, config, cancellationToken).ConfigureAwait(false);

    // The checks every single-checkpoint read starts with. Returns the thread to read, or null when the config has
    // none (such a read returns nothing).
    private string? ReadableThread(RunConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ThrowIfDisposed();
        if (string.IsNullOrEmpty(config.ThreadId))
        {
            return null;
        }

        ValidateIdentifiers(config);
        cancellationToken.ThrowIfCancellationRequested();
        return config.ThreadId;
    }

    private async Task<CheckpointTuple?> GetMigratedTupleAsync(bool async, RunConfig config, CancellationToken cancellationToken)
    {
        var tuple = await GetTupleCore(async, config.ThreadId!, config.ResolvedCheckpointNs, config.CheckpointId, cancellationToken).ConfigureAwait(false);
        if (tuple is null || !NeedsPendingSendsMigration(tuple))
        {
            return tuple;
        }

        var parent = tuple.ParentConfig!;
        return MigratePendingSends(tuple, await GetTupleCore(async, parent.ThreadId!, parent.ResolvedCheckpointNs, parent.CheckpointId, cancellationToken).ConfigureAwait(false));
    }

    private CheckpointPutWritesRequest? PreparePutWrites(RunConfig config, IReadOnlyList<ChannelWrite> writes, string taskId, string taskPath)
    {
        var (threadId, ns, checkpointId, prepared) = PrepareWrites(config, writes, taskId, taskPath);
        return prepared.Count == 0 ? null : new CheckpointPutWritesRequest(threadId, ns, checkpointId, taskId, taskPath ?? string.Empty, prepared);
    }

    private static IReadOnlyList<string> DistinctIdentifiers(IEnumerable<string> ids, string parameter)
    {
        ArgumentNullException.ThrowIfNull(ids, parameter);
        var list = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            ValidateIdentifier(id, parameter);
            if (seen.Add(id))
            {
                list.Add(id);
            }
        }

        return list;
    }

    private static void ValidateCopy(string sourceThreadId, string targetThreadId)
    {
        ValidateIdentifier(sourceThreadId, nameof(sourceThreadId));
        ValidateIdentifier(targetThreadId, nameof(targetThreadId));
        if (string.Equals(sourceThreadId, targetThreadId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Cannot copy thread '{sourceThreadId}' onto itself.", nameof(targetThreadId));
        }
    }

    private static ThreadListOptions ValidateThreadListOptions(ThreadListOptions? options)
    {
        options ??= new ThreadListOptions();
        if (options.Limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Limit, "The limit cannot be negative.");
        }

        if (options.After is not null)
        {
            ValidateIdentifier(options.After, nameof(options));
        }

        return options;
    }

    private static CheckpointListQuery CreateListQuery(RunConfig? config, CheckpointListOptions? options)
    {
        if (config is not null)
        {
            ValidateIdentifiers(config);
        }

        var filter = options?.Filter ?? new Dictionary<string, JsonNode?>();
        foreach (var key in filter.Keys)
        {
            if (string.IsNullOrEmpty(key) || Identifier.FindProblem(key) is not null)
            {
                throw new ArgumentException("A metadata filter key must be a non-empty string of valid Unicode without NUL characters.", nameof(options));
            }

            if (UnicodeText.FindUnpairedSurrogate(filter[key]) is { } invalid)
            {
                throw new ArgumentException($"The metadata filter '{key}' is not valid Unicode: at {invalid.Path}, {invalid.Problem}.", nameof(options));
            }
        }

        if (options?.Limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Limit, "The limit cannot be negative.");
        }

        var before = options?.Before?.CheckpointId;
        if (before is not null)
        {
            ValidateIdentifier(before, nameof(options));
        }

        // An empty thread id is almost always a bug in the caller; listing every thread instead would expose them all.
        if (config?.ThreadId is { Length: 0 })
        {
            throw new ArgumentException("The config's thread_id is empty; pass a config without a thread id (or null) to list every thread.", nameof(config));
        }

        return new CheckpointListQuery(config?.ThreadId, config?.CheckpointNs, config?.CheckpointId, filter, before, options?.Limit);
    }
}
