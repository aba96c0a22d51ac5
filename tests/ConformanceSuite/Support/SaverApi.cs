using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Drives a saver through its sync or its async API behind one awaitable surface, so each test is written once and
/// run in both modes. In sync mode the sync method runs on the calling thread and its exception, if any, is returned
/// as a faulted task; either way an exception is named with its operation and API in the test's output.
/// </summary>
/// <param name="saver">The saver.</param>
/// <param name="mode">Which API to call.</param>
public sealed class SaverApi(BaseCheckpointSaver saver, ApiMode mode)
{
    /// <summary>Gets the saver.</summary>
    public BaseCheckpointSaver Inner { get; } = saver;

    /// <summary>Gets the mode.</summary>
    public ApiMode Mode { get; } = mode;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Calls <c>Setup</c> or <c>SetupAsync</c>.</summary>
    public Task SetupAsync() => ApiCall.RunAsync(Mode, "Setup", Inner.Setup, () => Inner.SetupAsync(Token));

    /// <summary>Calls <c>GetTuple</c> or <c>GetTupleAsync</c>.</summary>
    public Task<CheckpointTuple?> GetTupleAsync(RunConfig config) =>
        ApiCall.RunAsync(Mode, "GetTuple", () => Inner.GetTuple(config), () => Inner.GetTupleAsync(config, Token));

    /// <summary>Calls <c>Get</c> or <c>GetAsync</c>.</summary>
    public Task<GraphCheckpoint?> GetAsync(RunConfig config) =>
        ApiCall.RunAsync(Mode, "Get", () => Inner.Get(config), () => Inner.GetAsync(config, Token));

    /// <summary>Calls <c>List</c> or <c>ListAsync</c> and collects the results.</summary>
    public Task<List<CheckpointTuple>> ListAsync(RunConfig? config, CheckpointListOptions? options = null) =>
        ApiCall.RunAsync(Mode, "List", () => Inner.List(config, options).ToList(), () => Inner.ListAsync(config, options, Token).ToListAsync(Token).AsTask());

    /// <summary>Calls <c>Put</c> or <c>PutAsync</c>.</summary>
    public Task<RunConfig> PutAsync(RunConfig config, GraphCheckpoint checkpoint, CheckpointMetadata metadata, IReadOnlyDictionary<string, string> newVersions) =>
        ApiCall.RunAsync(Mode, "Put", () => Inner.Put(config, checkpoint, metadata, newVersions), () => Inner.PutAsync(config, checkpoint, metadata, newVersions, Token));

    /// <summary>Calls <c>PutWrites</c> or <c>PutWritesAsync</c>.</summary>
    public Task PutWritesAsync(RunConfig config, IReadOnlyList<ChannelWrite> writes, string taskId, string taskPath = "") =>
        ApiCall.RunAsync(Mode, "PutWrites", () => Inner.PutWrites(config, writes, taskId, taskPath), () => Inner.PutWritesAsync(config, writes, taskId, taskPath, Token));

    /// <summary>Calls <c>DeleteThread</c> or <c>DeleteThreadAsync</c>.</summary>
    public Task DeleteThreadAsync(string threadId) =>
        ApiCall.RunAsync(Mode, "DeleteThread", () => Inner.DeleteThread(threadId), () => Inner.DeleteThreadAsync(threadId, Token));

    /// <summary>Calls <c>DeleteForRuns</c> or <c>DeleteForRunsAsync</c>.</summary>
    public Task DeleteForRunsAsync(IEnumerable<string> runIds) =>
        ApiCall.RunAsync(Mode, "DeleteForRuns", () => Inner.DeleteForRuns(runIds), () => Inner.DeleteForRunsAsync(runIds, Token));

    /// <summary>Calls <c>CopyThread</c> or <c>CopyThreadAsync</c>.</summary>
    public Task CopyThreadAsync(string source, string target) =>
        ApiCall.RunAsync(Mode, "CopyThread", () => Inner.CopyThread(source, target), () => Inner.CopyThreadAsync(source, target, Token));

    /// <summary>Calls <see cref="BaseCheckpointSaver.RewriteThread"/> or its async form.</summary>
    /// <param name="threadId">The thread.</param>
    /// <returns>A task that completes when the thread is rewritten.</returns>
    public Task RewriteThreadAsync(string threadId) =>
        ApiCall.RunAsync(Mode, "RewriteThread", () => Inner.RewriteThread(threadId), () => Inner.RewriteThreadAsync(threadId, Token));

    /// <summary>Calls <c>Prune</c> or <c>PruneAsync</c>.</summary>
    public Task PruneAsync(IEnumerable<string> threadIds, PruneStrategy strategy) =>
        ApiCall.RunAsync(Mode, "Prune", () => Inner.Prune(threadIds, strategy), () => Inner.PruneAsync(threadIds, strategy, Token));

    /// <summary>Calls <c>ListThreads</c> or <c>ListThreadsAsync</c> and collects the results.</summary>
    public Task<List<ThreadInfo>> ListThreadsAsync(ThreadListOptions? options = null) =>
        ApiCall.RunAsync(Mode, "ListThreads", () => Inner.ListThreads(options).ToList(), () => Inner.ListThreadsAsync(options, Token).ToListAsync(Token).AsTask());

    /// <summary>Calls <c>GetDeltaChannelHistory</c> or <c>GetDeltaChannelHistoryAsync</c>.</summary>
    public Task<IReadOnlyDictionary<string, DeltaChannelHistory>> GetDeltaChannelHistoryAsync(RunConfig config, IReadOnlyList<string> channels) =>
        ApiCall.RunAsync(Mode, "GetDeltaChannelHistory", () => Inner.GetDeltaChannelHistory(config, channels), () => Inner.GetDeltaChannelHistoryAsync(config, channels, Token));
}
