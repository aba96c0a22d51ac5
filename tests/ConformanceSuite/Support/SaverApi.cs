using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Drives a saver through its sync or its async API behind one awaitable surface, so each test is written once and
/// run in both modes. In sync mode the sync method runs on the calling thread and its exception, if any, is returned
/// as a faulted task.
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
    public Task SetupAsync() => Mode == ApiMode.Sync ? Run(Inner.Setup) : Inner.SetupAsync(Token);

    /// <summary>Calls <c>GetTuple</c> or <c>GetTupleAsync</c>.</summary>
    public Task<CheckpointTuple?> GetTupleAsync(RunConfig config) =>
        Mode == ApiMode.Sync ? Run(() => Inner.GetTuple(config)) : Inner.GetTupleAsync(config, Token);

    /// <summary>Calls <c>Get</c> or <c>GetAsync</c>.</summary>
    public Task<GraphCheckpoint?> GetAsync(RunConfig config) =>
        Mode == ApiMode.Sync ? Run(() => Inner.Get(config)) : Inner.GetAsync(config, Token);

    /// <summary>Calls <c>List</c> or <c>ListAsync</c> and collects the results.</summary>
    public async Task<List<CheckpointTuple>> ListAsync(RunConfig? config, CheckpointListOptions? options = null) =>
        Mode == ApiMode.Sync
            ? await Run(() => Inner.List(config, options).ToList()).ConfigureAwait(false)
            : await Inner.ListAsync(config, options, Token).ToListAsync(Token).ConfigureAwait(false);

    /// <summary>Calls <c>Put</c> or <c>PutAsync</c>.</summary>
    public Task<RunConfig> PutAsync(RunConfig config, GraphCheckpoint checkpoint, CheckpointMetadata metadata, IReadOnlyDictionary<string, string> newVersions) =>
        Mode == ApiMode.Sync
            ? Run(() => Inner.Put(config, checkpoint, metadata, newVersions))
            : Inner.PutAsync(config, checkpoint, metadata, newVersions, Token);

    /// <summary>Calls <c>PutWrites</c> or <c>PutWritesAsync</c>.</summary>
    public Task PutWritesAsync(RunConfig config, IReadOnlyList<ChannelWrite> writes, string taskId, string taskPath = "") =>
        Mode == ApiMode.Sync
            ? Run(() => Inner.PutWrites(config, writes, taskId, taskPath))
            : Inner.PutWritesAsync(config, writes, taskId, taskPath, Token);

    /// <summary>Calls <c>DeleteThread</c> or <c>DeleteThreadAsync</c>.</summary>
    public Task DeleteThreadAsync(string threadId) =>
        Mode == ApiMode.Sync ? Run(() => Inner.DeleteThread(threadId)) : Inner.DeleteThreadAsync(threadId, Token);

    /// <summary>Calls <c>DeleteForRuns</c> or <c>DeleteForRunsAsync</c>.</summary>
    public Task DeleteForRunsAsync(IEnumerable<string> runIds) =>
        Mode == ApiMode.Sync ? Run(() => Inner.DeleteForRuns(runIds)) : Inner.DeleteForRunsAsync(runIds, Token);

    /// <summary>Calls <c>CopyThread</c> or <c>CopyThreadAsync</c>.</summary>
    public Task CopyThreadAsync(string source, string target) =>
        Mode == ApiMode.Sync ? Run(() => Inner.CopyThread(source, target)) : Inner.CopyThreadAsync(source, target, Token);

    /// <summary>Calls <see cref="BaseCheckpointSaver.RewriteThread"/> or its async form.</summary>
    /// <param name="threadId">The thread.</param>
    /// <returns>A task that completes when the thread is rewritten.</returns>
    public Task RewriteThreadAsync(string threadId) =>
        Mode == ApiMode.Sync ? Run(() => Inner.RewriteThread(threadId)) : Inner.RewriteThreadAsync(threadId, Token);

    /// <summary>Calls <c>Prune</c> or <c>PruneAsync</c>.</summary>
    public Task PruneAsync(IEnumerable<string> threadIds, PruneStrategy strategy) =>
        Mode == ApiMode.Sync ? Run(() => Inner.Prune(threadIds, strategy)) : Inner.PruneAsync(threadIds, strategy, Token);

    /// <summary>Calls <c>ListThreads</c> or <c>ListThreadsAsync</c> and collects the results.</summary>
    public async Task<List<ThreadInfo>> ListThreadsAsync(ThreadListOptions? options = null) =>
        Mode == ApiMode.Sync
            ? await Run(() => Inner.ListThreads(options).ToList()).ConfigureAwait(false)
            : await Inner.ListThreadsAsync(options, Token).ToListAsync(Token).ConfigureAwait(false);

    /// <summary>Calls <c>GetDeltaChannelHistory</c> or <c>GetDeltaChannelHistoryAsync</c>.</summary>
    public Task<IReadOnlyDictionary<string, DeltaChannelHistory>> GetDeltaChannelHistoryAsync(RunConfig config, IReadOnlyList<string> channels) =>
        Mode == ApiMode.Sync
            ? Run(() => Inner.GetDeltaChannelHistory(config, channels))
            : Inner.GetDeltaChannelHistoryAsync(config, channels, Token);

    private static Task Run(Action action)
    {
        try
        {
            action();
            return Task.CompletedTask;
        }
        catch (Exception e)
        {
            return Task.FromException(e);
        }
    }

    private static Task<T> Run<T>(Func<T> func)
    {
        try
        {
            return Task.FromResult(func());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }
}
