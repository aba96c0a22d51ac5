using Checkpoint.Providers;

namespace Checkpoint;

/// <content>
/// The operations a backend implements: one protected <c>...Core(bool async, ..., CancellationToken)</c> per
/// operation, called by the public sync method with <c>async: false</c> and by the public async method with
/// <c>async: true</c>; only the streaming reads (list, list threads) have a sync and an async form.
/// </content>
/// <remarks>
/// With <c>async: false</c> a core must do its I/O with the driver's synchronous API and return a task that is
/// already complete (an <see langword="async"/> method whose awaits all complete synchronously does this), so the
/// sync methods never block on asynchronous work. Arguments arrive validated and disposal is checked: a core neither
/// repeats the checks nor calls <see cref="StorageComponent.ThrowIfDisposed"/>.
/// </remarks>
public abstract partial class BaseCheckpointSaver
{
    /// <summary>Reads one checkpoint tuple: the one with <paramref name="checkpointId"/>, or the newest of the namespace.</summary>
    /// <param name="async">Whether the caller is the async method.</param>
    /// <param name="threadId">The thread (never empty).</param>
    /// <param name="checkpointNs">The namespace (never <see langword="null"/>).</param>
    /// <param name="checkpointId">The checkpoint id, or <see langword="null"/> for the newest.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The tuple (build it with <see cref="CreateTuple"/>), or <see langword="null"/>.</returns>
    protected abstract Task<CheckpointTuple?> GetTupleCore(bool async, string threadId, string checkpointNs, string? checkpointId, CancellationToken cancellationToken);

    /// <summary>
    /// Streams the checkpoints matching <paramref name="query"/>, newest first: ordered by checkpoint id descending,
    /// then thread id and namespace ascending (all ordinal), so results are identical in every backend even when
    /// copied threads share ids.
    /// </summary>
    /// <param name="query">The validated query; its limit is never 0.</param>
    /// <returns>The tuples, read as the caller enumerates them.</returns>
    protected abstract IEnumerable<CheckpointTuple> ListCore(CheckpointListQuery query);

    /// <summary>Asynchronously streams the checkpoints matching <paramref name="query"/>, newest first; see <see cref="ListCore"/>.</summary>
    /// <param name="query">The validated query; its limit is never 0.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The tuples, read as the caller enumerates them.</returns>
    protected abstract IAsyncEnumerable<CheckpointTuple> ListCoreAsync(CheckpointListQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a checkpoint atomically: its row and the blobs of <see cref="CheckpointPutRequest.Blobs"/> (blobs are
    /// immutable per version: an existing one is kept). An existing checkpoint with the same id is replaced, keeping
    /// its parent.
    /// </summary>
    /// <param name="async">Whether the caller is the async method.</param>
    /// <param name="request">The validated, serialized checkpoint.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the checkpoint is durable.</returns>
    protected abstract Task PutCore(bool async, CheckpointPutRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Stores one task's pending writes keyed by (thread, namespace, checkpoint, task id, index): an upsert when
    /// <see cref="SerializedWrite.IsUpsert"/>, else insert-if-absent.
    /// </summary>
    /// <param name="async">Whether the caller is the async method.</param>
    /// <param name="request">The validated, serialized writes (never empty).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the writes are durable.</returns>
    protected abstract Task PutWritesCore(bool async, CheckpointPutWritesRequest request, CancellationToken cancellationToken);

    /// <summary>Removes everything a thread holds.</summary>
    /// <param name="async">Whether the caller is the async method.</param>
    /// <param name="threadId">The thread.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the thread is gone.</returns>
    protected abstract Task DeleteThreadCore(bool async, string threadId, CancellationToken cancellationToken);

    /// <summary>Removes the checkpoints whose metadata <c>run_id</c> is in <paramref name="runIds"/>, their writes and unreferenced blobs.</summary>
    /// <param name="async">Whether the caller is the async method.</param>
    /// <param name="runIds">Distinct run ids (never empty).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the checkpoints are gone.</returns>
    protected abstract Task DeleteForRunsCore(bool async, IReadOnlyList<string> runIds, CancellationToken cancellationToken);

    /// <summary>
    /// Copies a thread; throws <see cref="InvalidOperationException"/> without copying anything when the target
    /// already has checkpoints.
    /// </summary>
    /// <param name="async">Whether the caller is the async method.</param>
    /// <param name="sourceThreadId">The thread to copy.</param>
    /// <param name="targetThreadId">The new thread (different from the source).</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the copy is complete.</returns>
    protected abstract Task CopyThreadCore(bool async, string sourceThreadId, string targetThreadId, CancellationToken cancellationToken);

    /// <summary>Prunes threads; see <see cref="PruneStrategy"/> for what each strategy keeps.</summary>
    /// <param name="async">Whether the caller is the async method.</param>
    /// <param name="threadIds">Distinct thread ids (never empty).</param>
    /// <param name="strategy">The strategy.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when pruning is done.</returns>
    protected abstract Task PruneCore(bool async, IReadOnlyList<string> threadIds, PruneStrategy strategy, CancellationToken cancellationToken);

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
