namespace Checkpoint;

/// <content>The operations a backend implements, each in a sync and an async form.</content>
public abstract partial class BaseCheckpointSaver
{
    /// <summary>Reads one checkpoint tuple: the one with <paramref name="checkpointId"/>, or the newest of the namespace.</summary>
    /// <param name="threadId">The thread (never empty).</param>
    /// <param name="checkpointNs">The namespace (never <see langword="null"/>).</param>
    /// <param name="checkpointId">The checkpoint id, or <see langword="null"/> for the newest.</param>
    /// <returns>The tuple (build it with <see cref="CreateTuple"/>), or <see langword="null"/>.</returns>
    protected abstract CheckpointTuple? GetTupleCore(string threadId, string checkpointNs, string? checkpointId);

    /// <summary>Asynchronously reads one checkpoint tuple; see <see cref="GetTupleCore"/>.</summary>
    /// <param name="threadId">The thread (never empty).</param>
    /// <param name="checkpointNs">The namespace (never <see langword="null"/>).</param>
    /// <param name="checkpointId">The checkpoint id, or <see langword="null"/> for the newest.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The tuple, or <see langword="null"/>.</returns>
    protected abstract Task<CheckpointTuple?> GetTupleCoreAsync(string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the checkpoints matching <paramref name="query"/>, newest first: ordered by checkpoint id descending,
    /// then thread id and namespace ascending (all ordinal), so results are identical in every backend even when
    /// copied threads share ids.
    /// </summary>
    /// <param name="query">The validated query; its limit is never 0.</param>
    /// <returns>The tuples.</returns>
    protected abstract IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query);

    /// <summary>Asynchronously streams the checkpoints matching <paramref name="query"/>, newest first.</summary>
    /// <param name="query">The validated query; its limit is never 0.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The tuples.</returns>
    protected abstract IAsyncEnumerable<CheckpointTuple> ListCoreAsync(CheckpointListQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a checkpoint atomically: its row and the blobs of <see cref="CheckpointPutRequest.Blobs"/> (blobs are
    /// immutable per version: an existing one is kept). An existing checkpoint with the same id is replaced, keeping
    /// its parent.
    /// </summary>
    /// <param name="request">The validated, serialized checkpoint.</param>
    protected abstract void PutCore(CheckpointPutRequest request);

    /// <summary>Asynchronously stores a checkpoint atomically; see <see cref="PutCore"/>.</summary>
    /// <param name="request">The validated, serialized checkpoint.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the checkpoint is durable.</returns>
    protected abstract Task PutCoreAsync(CheckpointPutRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Stores pending writes keyed by (thread, namespace, checkpoint, task id, index): an upsert when
    /// <see cref="SerializedWrite.IsUpsert"/>, else insert-if-absent.
    /// </summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="checkpointId">The checkpoint the writes belong to.</param>
    /// <param name="writes">The serialized writes (never empty).</param>
    protected abstract void PutWritesCore(string threadId, string checkpointNs, string checkpointId, IReadOnlyList<SerializedWrite> writes);

    /// <summary>Asynchronously stores pending writes; see <see cref="PutWritesCore"/>.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="checkpointId">The checkpoint the writes belong to.</param>
    /// <param name="writes">The serialized writes (never empty).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the writes are durable.</returns>
    protected abstract Task PutWritesCoreAsync(string threadId, string checkpointNs, string checkpointId, IReadOnlyList<SerializedWrite> writes, CancellationToken cancellationToken);

    /// <summary>Removes everything a thread holds.</summary>
    /// <param name="threadId">The thread.</param>
    protected abstract void DeleteThreadCore(string threadId);

    /// <summary>Asynchronously removes everything a thread holds.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the thread is gone.</returns>
    protected abstract Task DeleteThreadCoreAsync(string threadId, CancellationToken cancellationToken);

    /// <summary>Removes the checkpoints whose metadata <c>run_id</c> is in <paramref name="runIds"/>, their writes and unreferenced blobs.</summary>
    /// <param name="runIds">Distinct run ids (never empty).</param>
    protected abstract void DeleteForRunsCore(IReadOnlyList<string> runIds);

    /// <summary>Asynchronously removes the checkpoints of some runs; see <see cref="DeleteForRunsCore"/>.</summary>
    /// <param name="runIds">Distinct run ids (never empty).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the checkpoints are gone.</returns>
    protected abstract Task DeleteForRunsCoreAsync(IReadOnlyList<string> runIds, CancellationToken cancellationToken);

    /// <summary>
    /// Copies a thread; throws <see cref="InvalidOperationException"/> without copying anything when the target
    /// already has checkpoints.
    /// </summary>
    /// <param name="sourceThreadId">The thread to copy.</param>
    /// <param name="targetThreadId">The new thread (different from the source).</param>
    protected abstract void CopyThreadCore(string sourceThreadId, string targetThreadId);

    /// <summary>Asynchronously copies a thread; see <see cref="CopyThreadCore"/>.</summary>
    /// <param name="sourceThreadId">The thread to copy.</param>
    /// <param name="targetThreadId">The new thread (different from the source).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the copy is complete.</returns>
    protected abstract Task CopyThreadCoreAsync(string sourceThreadId, string targetThreadId, CancellationToken cancellationToken);

    /// <summary>Prunes threads; see <see cref="PruneStrategy"/> for what each strategy keeps.</summary>
    /// <param name="threadIds">Distinct thread ids (never empty).</param>
    /// <param name="strategy">The strategy.</param>
    protected abstract void PruneCore(IReadOnlyList<string> threadIds, PruneStrategy strategy);

    /// <summary>Asynchronously prunes threads; see <see cref="PruneCore"/>.</summary>
    /// <param name="threadIds">Distinct thread ids (never empty).</param>
    /// <param name="strategy">The strategy.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when pruning is done.</returns>
    protected abstract Task PruneCoreAsync(IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken);

    /// <summary>Streams the threads that have checkpoints, in ordinal order of their ids.</summary>
    /// <param name="options">The validated cursor and limit (limit never 0).</param>
    /// <returns>The threads.</returns>
    protected abstract IEnumerable<ThreadInfo> ListThreadsCore(ThreadListOptions options);

    /// <summary>Asynchronously streams the threads that have checkpoints; see <see cref="ListThreadsCore"/>.</summary>
    /// <param name="options">The validated cursor and limit (limit never 0).</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The threads.</returns>
    protected abstract IAsyncEnumerable<ThreadInfo> ListThreadsCoreAsync(ThreadListOptions options, CancellationToken cancellationToken);
}
