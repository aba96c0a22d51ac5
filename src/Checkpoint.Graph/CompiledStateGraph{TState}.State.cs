using System.Runtime.CompilerServices;
using Checkpoint.Graph.Pregel;

namespace Checkpoint.Graph;

public sealed partial class CompiledStateGraph<TState>
{
    /// <summary>Reads a thread's state: the latest checkpoint, or the one the config names.</summary>
    /// <param name="config">The thread, and optionally <c>checkpoint_id</c> and <c>checkpoint_ns</c> (a subgraph's namespace).</param>
    /// <returns>The state; for a thread with no checkpoint, default values, no next nodes and no metadata.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    public StateSnapshot<TState> GetState(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ToSnapshot(RequireCheckpointer().GetTuple(config), config);
    }

    /// <summary>Asynchronously reads a thread's state; see <see cref="GetState"/>.</summary>
    /// <param name="config">The thread, and optionally <c>checkpoint_id</c> and <c>checkpoint_ns</c>.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The state.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    public async Task<StateSnapshot<TState>> GetStateAsync(RunConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ToSnapshot(await RequireCheckpointer().GetTupleAsync(config, cancellationToken).ConfigureAwait(false), config);
    }

    /// <summary>Lists a thread's states, newest first: one per checkpoint of the graph's namespace.</summary>
    /// <param name="config">The thread (and optionally <c>checkpoint_ns</c>; the root graph's by default).</param>
    /// <param name="options">Metadata filter, <c>Before</c> and <c>Limit</c>.</param>
    /// <returns>The states.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    public IEnumerable<StateSnapshot<TState>> GetStateHistory(RunConfig config, CheckpointListOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        return RequireCheckpointer().List(HistoryConfig(config), options).Select(tuple => ToSnapshot(tuple, tuple.Config));
    }

    /// <summary>Asynchronously lists a thread's states, newest first; see <see cref="GetStateHistory"/>.</summary>
    /// <param name="config">The thread (and optionally <c>checkpoint_ns</c>).</param>
    /// <param name="options">Metadata filter, <c>Before</c> and <c>Limit</c>.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The states.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    public async IAsyncEnumerable<StateSnapshot<TState>> GetStateHistoryAsync(RunConfig config, CheckpointListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        await foreach (var tuple in RequireCheckpointer().ListAsync(HistoryConfig(config), options, cancellationToken).ConfigureAwait(false))
        {
            yield return ToSnapshot(tuple, tuple.Config);
        }
    }

    /// <summary>
    /// Applies an update to a thread's state as if node <paramref name="asNode"/> had returned it, and saves the result as
    /// a new checkpoint (metadata source <c>update</c>) whose parent is the latest checkpoint, or the one the config names:
    /// updating an older checkpoint forks the thread. The nodes after <paramref name="asNode"/> run on the next
    /// <c>Invoke(null, config)</c>.
    /// </summary>
    /// <param name="config">The thread, and optionally the <c>checkpoint_id</c> to fork from.</param>
    /// <param name="update">The update; reducers apply as for a node's update.</param>
    /// <param name="asNode">The node the update comes from; by default the node that ran last (or <see cref="StateGraph.Start"/> on an empty thread).</param>
    /// <returns>The config of the new checkpoint.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    /// <exception cref="InvalidUpdateException">Several nodes ran last, so <paramref name="asNode"/> is needed.</exception>
    public RunConfig UpdateState(RunConfig config, StateUpdate<TState>? update, string? asNode = null)
    {
        RequireCheckpointer();
        return SyncPath.Wait(new PregelLoop(Pregel, CreateRootScope(config, isAsync: false, CancellationToken.None)).UpdateStateAsync(update, asNode));
    }

    /// <summary>Asynchronously applies an update to a thread's state; see <see cref="UpdateState"/>.</summary>
    /// <param name="config">The thread, and optionally the <c>checkpoint_id</c> to fork from.</param>
    /// <param name="update">The update.</param>
    /// <param name="asNode">The node the update comes from; by default the node that ran last.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The config of the new checkpoint.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    /// <exception cref="InvalidUpdateException">Several nodes ran last, so <paramref name="asNode"/> is needed.</exception>
    public async Task<RunConfig> UpdateStateAsync(RunConfig config, StateUpdate<TState>? update, string? asNode = null, CancellationToken cancellationToken = default)
    {
        RequireCheckpointer();
        return await new PregelLoop(Pregel, CreateRootScope(config, isAsync: true, cancellationToken)).UpdateStateAsync(update, asNode).ConfigureAwait(false);
    }

    private static RunConfig HistoryConfig(RunConfig config) =>
        new(config.ThreadId, config.CheckpointNs ?? string.Empty, config.CheckpointId);

    private StateSnapshot<TState> ToSnapshot(CheckpointTuple? tuple, RunConfig config)
    {
        if (tuple is null)
        {
            return new StateSnapshot<TState>(new TState(), [], config, null, null, null, []);
        }

        var channels = Pregel.RestoreChannels(tuple.Checkpoint);
        var step = (tuple.Metadata.Step ?? -1) + 1;
        var tasks = Pregel.FindTriggered(tuple.Checkpoint, channels)
            .Select(t =>
            {
                var id = TaskIds.ForNode(tuple.Checkpoint.Id, tuple.Config.ResolvedCheckpointNs, step, t.Node.Name, t.Triggers);
                var error = tuple.PendingWrites.LastOrDefault(w => w.TaskId == id && w.Channel == SpecialChannels.Error)?.Value as string;
                return new StateTask(id, t.Node.Name, error);
            })
            .ToList();
        return new StateSnapshot<TState>(
            Schema.Read(channels),
            [.. tasks.Select(t => t.Name)],
            tuple.Config,
            tuple.Metadata,
            tuple.Checkpoint.TryGetTimestamp(),
            tuple.ParentConfig,
            tasks);
    }
}
