using Checkpoint.Graph.Pregel;

namespace Checkpoint.Graph;

/// <summary>
/// What a node (or an entrypoint) can reach while it runs: the run config with <c>thread_id</c> and any extra keys
/// such as <c>user_id</c>, the long-term memory store, and the identity of the running task.
/// </summary>
/// <remarks>
/// Read extra config keys with <c>context.Config.Get&lt;string&gt;("user_id")</c>. The store is the one passed to
/// <c>Compile</c> (a subgraph without its own uses its parent's).
/// </remarks>
public sealed class NodeContext
{
    private readonly IReadOnlyList<PendingWrite> _cachedWrites;
    private readonly RunConfig _checkpointConfig;
    private int _calls;

    internal NodeContext(RunScope scope, string nodeName, string taskId, string taskPath, int step, RunConfig checkpointConfig, IReadOnlyList<PendingWrite> cachedWrites)
    {
        Scope = scope;
        NodeName = nodeName;
        TaskId = taskId;
        TaskPath = taskPath;
        Step = step;
        _checkpointConfig = checkpointConfig;
        _cachedWrites = cachedWrites;
    }

    /// <summary>Gets the run config: <c>thread_id</c>, this graph's <c>checkpoint_ns</c> and every key the caller added.</summary>
    public RunConfig Config => Scope.Config;

    /// <summary>Gets the store passed to <c>Compile</c>.</summary>
    /// <exception cref="InvalidOperationException">The graph was compiled without a store.</exception>
    public BaseStore Store => Scope.Store ?? throw new InvalidOperationException(
        $"Node '{NodeName}' asked for the store, but the graph was compiled without one: pass it to Compile(checkpointer, store).");

    /// <summary>Gets whether a store is available through <see cref="Store"/>.</summary>
    public bool HasStore => Scope.Store is not null;

    /// <summary>Gets the name of the running node.</summary>
    public string NodeName { get; }

    /// <summary>Gets the id of the running task: stable when the same step is resumed, so it can key idempotent side effects.</summary>
    public string TaskId { get; }

    /// <summary>Gets the superstep the task belongs to.</summary>
    public int Step { get; }

    /// <summary>Gets the token that cancels the run.</summary>
    public CancellationToken CancellationToken => Scope.CancellationToken;

    internal RunScope Scope { get; }

    internal string TaskPath { get; }

    /// <summary>Gets the checkpoint the task runs against (the parent of subgraphs it starts).</summary>
    internal string? CheckpointId => _checkpointConfig.CheckpointId;

    /// <summary>Reserves the next call index; calls made in the same order on a resumed run get the same indexes.</summary>
    internal int NextCallIndex() => Interlocked.Increment(ref _calls) - 1;

    /// <summary>Finds the saved result of a task call made before a failure.</summary>
    internal bool TryGetCachedResult(string taskId, out object? value)
    {
        foreach (var write in _cachedWrites)
        {
            if (write.TaskId == taskId && write.Channel == Reserved.Return)
            {
                value = write.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>Saves the writes of a task call against the current checkpoint (nothing without a checkpointer).</summary>
    internal async ValueTask SaveWritesAsync(string taskId, string taskPath, IReadOnlyList<ChannelWrite> writes, bool isAsync)
    {
        if (Scope.Saver is not { } saver || _checkpointConfig.CheckpointId is null)
        {
            return;
        }

        if (isAsync)
        {
            await saver.PutWritesAsync(_checkpointConfig, writes, taskId, taskPath, CancellationToken).ConfigureAwait(false);
        }
        else
        {
            saver.PutWrites(_checkpointConfig, writes, taskId, taskPath);
        }
    }
}
