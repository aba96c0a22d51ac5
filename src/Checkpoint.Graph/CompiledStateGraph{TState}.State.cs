using System.Runtime.CompilerServices;
using Checkpoint.Graph.Pregel;

namespace Checkpoint.Graph;

public sealed partial class CompiledStateGraph<TState>
{
    /// <summary>Reads a thread's state: the latest checkpoint, or the one the config names.</summary>
    /// <param name="config">The thread, and optionally <c>checkpoint_id</c>, and <c>checkpoint_ns</c> of a subgraph with this graph's state type.</param>
    /// <param name="subgraphs">Whether to read the state of every pending subgraph task too (<see cref="StateTask.Subgraph"/>), recursively.</param>
    /// <returns>The state; for a thread with no checkpoint, default values, no next nodes and no metadata.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    /// <exception cref="ArgumentException"><c>checkpoint_ns</c> names no subgraph, or one of another state type (use <see cref="GetState{TSubState}(RunConfig, bool)"/>).</exception>
    public StateSnapshot<TState> GetState(RunConfig config, bool subgraphs = false) => GetState<TState>(config, subgraphs);

    /// <summary>Asynchronously reads a thread's state; see <see cref="GetState(RunConfig, bool)"/>.</summary>
    /// <param name="config">The thread, and optionally <c>checkpoint_id</c> and <c>checkpoint_ns</c>.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The state.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    public Task<StateSnapshot<TState>> GetStateAsync(RunConfig config, CancellationToken cancellationToken = default) => GetStateAsync<TState>(config, false, cancellationToken);

    /// <summary>Asynchronously reads a thread's state, with its subgraphs' when asked; see <see cref="GetState(RunConfig, bool)"/>.</summary>
    /// <param name="config">The thread, and optionally <c>checkpoint_id</c> and <c>checkpoint_ns</c>.</param>
    /// <param name="subgraphs">Whether to read the state of every pending subgraph task too.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The state.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    public Task<StateSnapshot<TState>> GetStateAsync(RunConfig config, bool subgraphs, CancellationToken cancellationToken = default) => GetStateAsync<TState>(config, subgraphs, cancellationToken);

    /// <summary>
    /// Reads the state of a subgraph of this graph on a thread: the config's <c>checkpoint_ns</c> is the subgraph's namespace
    /// (from <see cref="StateTask.State"/>, e.g. <c>child:&lt;task id&gt;</c>, or <c>child</c> for a subgraph compiled with
    /// <c>checkpointer: true</c>).
    /// </summary>
    /// <typeparam name="TSubState">The subgraph's state type.</typeparam>
    /// <param name="config">The thread and the subgraph's <c>checkpoint_ns</c> (and optionally a <c>checkpoint_id</c>).</param>
    /// <param name="subgraphs">Whether to read the state of the subgraph's own pending subgraph tasks too.</param>
    /// <returns>The subgraph's state.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    /// <exception cref="ArgumentException"><c>checkpoint_ns</c> names no subgraph, or one of another state type.</exception>
    public StateSnapshot<TSubState> GetState<TSubState>(RunConfig config, bool subgraphs = false)
        where TSubState : class, new()
    {
        ArgumentNullException.ThrowIfNull(config);
        var saver = RequireCheckpointer();
        var graph = Resolve<TSubState>(config);
        return (StateSnapshot<TSubState>)graph.ToSnapshot(SyncPath.Wait(graph.ReadSnapshotAsync(saver, config, subgraphs, isAsync: false, CancellationToken.None)));
    }

    /// <summary>Asynchronously reads the state of a subgraph of this graph; see <see cref="GetState{TSubState}(RunConfig, bool)"/>.</summary>
    /// <typeparam name="TSubState">The subgraph's state type.</typeparam>
    /// <param name="config">The thread and the subgraph's <c>checkpoint_ns</c>.</param>
    /// <param name="subgraphs">Whether to read the state of the subgraph's own pending subgraph tasks too.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The subgraph's state.</returns>
    public async Task<StateSnapshot<TSubState>> GetStateAsync<TSubState>(RunConfig config, bool subgraphs = false, CancellationToken cancellationToken = default)
        where TSubState : class, new()
    {
        ArgumentNullException.ThrowIfNull(config);
        var saver = RequireCheckpointer();
        var graph = Resolve<TSubState>(config);
        return (StateSnapshot<TSubState>)graph.ToSnapshot(await graph.ReadSnapshotAsync(saver, config, subgraphs, isAsync: true, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Lists a thread's states, newest first: one per checkpoint of the graph's namespace.</summary>
    /// <param name="config">The thread (and optionally <c>checkpoint_ns</c>; the root graph's by default).</param>
    /// <param name="options">Metadata filter, <c>Before</c> and <c>Limit</c>.</param>
    /// <returns>The states.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    public IEnumerable<StateSnapshot<TState>> GetStateHistory(RunConfig config, CheckpointListOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var saver = RequireCheckpointer();
        var graph = Resolve<TState>(config);
        return saver.List(HistoryConfig(config), options)
            .Select(tuple => ToTypedSnapshot(SyncPath.Wait(graph.BuildSnapshotAsync(saver, tuple, tuple.Config, subgraphs: false, isAsync: false, CancellationToken.None))));
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
        var saver = RequireCheckpointer();
        var graph = Resolve<TState>(config);
        await foreach (var tuple in saver.ListAsync(HistoryConfig(config), options, cancellationToken).ConfigureAwait(false))
        {
            yield return ToTypedSnapshot(await graph.BuildSnapshotAsync(saver, tuple, tuple.Config, subgraphs: false, isAsync: true, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>
    /// Applies an update to a thread's state as if node <paramref name="asNode"/> had returned it, and saves the result as
    /// a new checkpoint (metadata source <c>update</c>) whose parent is the latest checkpoint, or the one the config names:
    /// updating an older checkpoint forks the thread. The nodes after <paramref name="asNode"/> run on the next
    /// <c>Invoke(null, config)</c>. A config whose <c>checkpoint_ns</c> names a subgraph updates the subgraph's state
    /// (use <see cref="UpdateState{TSubState}"/> when its state type differs).
    /// </summary>
    /// <param name="config">The thread, and optionally the <c>checkpoint_id</c> to fork from.</param>
    /// <param name="update">The update; reducers apply as for a node's update.</param>
    /// <param name="asNode">The node the update comes from; by default the node that ran last (or <see cref="StateGraph.Start"/> on an empty thread).</param>
    /// <returns>The config of the new checkpoint.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    /// <exception cref="InvalidUpdateException">Several nodes ran last, so <paramref name="asNode"/> is needed.</exception>
    public RunConfig UpdateState(RunConfig config, StateUpdate<TState>? update, string? asNode = null) => UpdateState<TState>(config, update, asNode);

    /// <summary>Asynchronously applies an update to a thread's state; see <see cref="UpdateState"/>.</summary>
    /// <param name="config">The thread, and optionally the <c>checkpoint_id</c> to fork from.</param>
    /// <param name="update">The update.</param>
    /// <param name="asNode">The node the update comes from; by default the node that ran last.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The config of the new checkpoint.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    /// <exception cref="InvalidUpdateException">Several nodes ran last, so <paramref name="asNode"/> is needed.</exception>
    public Task<RunConfig> UpdateStateAsync(RunConfig config, StateUpdate<TState>? update, string? asNode = null, CancellationToken cancellationToken = default) =>
        UpdateStateAsync<TState>(config, update, asNode, cancellationToken);

    /// <summary>
    /// Applies an update to the state of a subgraph of this graph (LangGraph's <c>update_state</c> with a subgraph's config):
    /// a new <c>update</c> checkpoint in the subgraph's namespace, which the parent sees when the thread resumes.
    /// </summary>
    /// <typeparam name="TSubState">The subgraph's state type.</typeparam>
    /// <param name="config">The thread and the subgraph's <c>checkpoint_ns</c> (from <see cref="StateTask.State"/>).</param>
    /// <param name="update">The update.</param>
    /// <param name="asNode">The subgraph node the update comes from; by default the node that ran last.</param>
    /// <returns>The config of the new checkpoint.</returns>
    /// <exception cref="InvalidOperationException">The graph has no checkpointer.</exception>
    /// <exception cref="ArgumentException"><c>checkpoint_ns</c> names no subgraph, or one of another state type.</exception>
    public RunConfig UpdateState<TSubState>(RunConfig config, StateUpdate<TSubState>? update, string? asNode = null)
        where TSubState : class, new()
    {
        ArgumentNullException.ThrowIfNull(config);
        var saver = RequireCheckpointer();
        return SyncPath.Wait(Resolve<TSubState>(config).UpdateStateInAsync(saver, config, update, asNode, isAsync: false, CancellationToken.None));
    }

    /// <summary>Asynchronously applies an update to the state of a subgraph; see <see cref="UpdateState{TSubState}"/>.</summary>
    /// <typeparam name="TSubState">The subgraph's state type.</typeparam>
    /// <param name="config">The thread and the subgraph's <c>checkpoint_ns</c>.</param>
    /// <param name="update">The update.</param>
    /// <param name="asNode">The subgraph node the update comes from.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The config of the new checkpoint.</returns>
    public async Task<RunConfig> UpdateStateAsync<TSubState>(RunConfig config, StateUpdate<TSubState>? update, string? asNode = null, CancellationToken cancellationToken = default)
        where TSubState : class, new()
    {
        ArgumentNullException.ThrowIfNull(config);
        var saver = RequireCheckpointer();
        return await Resolve<TSubState>(config).UpdateStateInAsync(saver, config, update, asNode, isAsync: true, cancellationToken).ConfigureAwait(false);
    }

    private static RunConfig HistoryConfig(RunConfig config) =>
        new(config.ThreadId, config.CheckpointNs ?? string.Empty, config.CheckpointId);

    /// <summary>The graph the config's namespace addresses, which must have state type <typeparamref name="TSubState"/>.</summary>
    private CompiledStateGraph<TSubState> Resolve<TSubState>(RunConfig config)
        where TSubState : class, new()
    {
        var graph = ResolveNamespace(config);
        return graph as CompiledStateGraph<TSubState> ?? throw new ArgumentException(
            $"checkpoint_ns '{config.CheckpointNs}' addresses a subgraph whose state is {StateTypeName(graph)}, not {typeof(TSubState).Name}: " +
            $"use GetState<{StateTypeName(graph)}>(config) / UpdateState<{StateTypeName(graph)}>(config, ...).",
            nameof(config));
    }

    private static string StateTypeName(CompiledGraph graph) =>
        graph.GetType().IsGenericType ? graph.GetType().GetGenericArguments()[0].Name : graph.GetType().Name;
}
