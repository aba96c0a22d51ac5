using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Checkpoint.Graph.Building;
using Checkpoint.Graph.Pregel;
using Checkpoint.Graph.State;

namespace Checkpoint.Graph;

/// <summary>
/// Builds a graph whose nodes read and update a shared state of type <typeparamref name="TState"/> (LangGraph's
/// <c>StateGraph</c>). Each public read-write property of the state class is a channel: replaced by updates, or combined
/// with them when it has a reducer (<see cref="ReducerAttribute"/> or <see cref="AddReducer{TValue}"/>).
/// </summary>
/// <example>
/// <code>
/// var graph = new StateGraph&lt;MessagesState&gt;()
///     .AddNode("call_model", async (state, context) =&gt;
///     {
///         var response = await chatClient.GetResponseAsync(state.Messages, cancellationToken: context.CancellationToken);
///         return new MessagesState { Messages = [.. response.Messages] };
///     })
///     .AddEdge(StateGraph.Start, "call_model")
///     .Compile(checkpointer);
/// </code>
/// </example>
/// <typeparam name="TState">The state class: public read-write properties of storable types, and a public parameterless constructor.</typeparam>
public sealed class StateGraph<TState>
    where TState : class, new()
{
    private readonly List<NodeSpec<TState>> _nodes = [];
    private readonly List<(string Source, string Target)> _edges = [];
    private readonly List<JoinSpec> _joins = [];
    private readonly List<BranchSpec<TState>> _branches = [];
    private readonly Dictionary<string, Func<object?, object?, object?>> _reducers = new(StringComparer.Ordinal);

    /// <summary>Initializes a builder.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="TState"/> is not a valid state class (no properties, bad channel names or reducers).</exception>
    public StateGraph()
    {
        _ = StateSchema<TState>.Instance;
    }

    /// <summary>Adds a node: a function of the state returning an update (or <see langword="null"/>).</summary>
    /// <param name="name">The node's name: unique, not empty, without <c>:</c> or <c>|</c>.</param>
    /// <param name="node">The function.</param>
    /// <returns>This builder.</returns>
    [OverloadResolutionPriority(1)] // a lambda that only returns null would otherwise also fit the Task overload
    public StateGraph<TState> AddNode(string name, Func<TState, StateUpdate<TState>?> node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Add(name, (state, _, _) => new(node(state)), null);
    }

    /// <summary>Adds a node: a function of the state and the run context (config, store) returning an update.</summary>
    /// <param name="name">The node's name: unique, not empty, without <c>:</c> or <c>|</c>.</param>
    /// <param name="node">The function.</param>
    /// <returns>This builder.</returns>
    [OverloadResolutionPriority(1)] // a lambda that only returns null would otherwise also fit the Task overload
    public StateGraph<TState> AddNode(string name, Func<TState, NodeContext, StateUpdate<TState>?> node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Add(name, (state, context, _) => new(node(state, context)), null);
    }

    /// <summary>Adds an asynchronous node. A synchronous <c>Invoke</c> blocks on it.</summary>
    /// <param name="name">The node's name: unique, not empty, without <c>:</c> or <c>|</c>.</param>
    /// <param name="node">The function.</param>
    /// <returns>This builder.</returns>
    public StateGraph<TState> AddNode(string name, Func<TState, Task<StateUpdate<TState>?>> node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Add(name, (state, _, isAsync) => SyncPath.Run(node(state), isAsync), null);
    }

    /// <summary>Adds an asynchronous node receiving the run context (config, store, cancellation). A synchronous <c>Invoke</c> blocks on it.</summary>
    /// <param name="name">The node's name: unique, not empty, without <c>:</c> or <c>|</c>.</param>
    /// <param name="node">The function.</param>
    /// <returns>This builder.</returns>
    public StateGraph<TState> AddNode(string name, Func<TState, NodeContext, Task<StateUpdate<TState>?>> node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Add(name, (state, context, isAsync) => SyncPath.Run(node(state, context), isAsync), null);
    }

    /// <summary>
    /// Adds a compiled graph as a node. It receives the fields it shares with this graph (by channel name) and its final
    /// values of those fields become this node's update. It runs under its own checkpoint namespace
    /// (<c>name:taskId</c>, or <c>name</c> when compiled with <c>checkpointer: true</c>) with this graph's checkpointer.
    /// </summary>
    /// <typeparam name="TSubState">The subgraph's state type.</typeparam>
    /// <param name="name">The node's name: unique, not empty, without <c>:</c> or <c>|</c>.</param>
    /// <param name="subgraph">The subgraph, compiled without a checkpointer instance.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The subgraph was compiled with a checkpointer instance.</exception>
    public StateGraph<TState> AddNode<TSubState>(string name, CompiledStateGraph<TSubState> subgraph)
        where TSubState : class, new()
    {
        ArgumentNullException.ThrowIfNull(subgraph);
        if (subgraph.Mode == CheckpointerMode.Explicit)
        {
            throw new ArgumentException(
                $"Subgraph '{name}' was compiled with its own checkpointer instance, but a subgraph always uses its parent's checkpointer. " +
                "Compile it with Compile() to save its checkpoints under the parent's thread (namespace 'node:taskId'), " +
                "or with Compile(checkpointer: true) to keep its own history across parent runs.",
                nameof(subgraph));
        }

        return Add(name, null, subgraph);
    }

    /// <summary>Adds an edge: <paramref name="target"/> runs in the step after <paramref name="source"/>.</summary>
    /// <param name="source">A node, or <see cref="StateGraph.Start"/>.</param>
    /// <param name="target">A node, or <see cref="StateGraph.End"/>.</param>
    /// <returns>This builder.</returns>
    public StateGraph<TState> AddEdge(string source, string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(target);
        ThrowIfEndpointMisused(source, target);
        _edges.Add((source, target));
        return this;
    }

    /// <summary>Adds a join: <paramref name="target"/> runs once every source has run (in any steps).</summary>
    /// <param name="sources">The nodes to wait for.</param>
    /// <param name="target">The node to run.</param>
    /// <returns>This builder.</returns>
    public StateGraph<TState> AddEdge(IReadOnlyList<string> sources, string target)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentException.ThrowIfNullOrEmpty(target);
        if (sources.Count == 0 || sources.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A join needs one or more source nodes.", nameof(sources));
        }

        if (sources.Count == 1)
        {
            return AddEdge(sources[0], target);
        }

        _joins.Add(new JoinSpec([.. sources.Distinct(StringComparer.Ordinal)], target));
        return this;
    }

    /// <summary>Adds a conditional edge: after <paramref name="source"/>, run the node the router names.</summary>
    /// <param name="source">A node, or <see cref="StateGraph.Start"/>.</param>
    /// <param name="router">Returns a node name or <see cref="StateGraph.End"/> (or a key of <paramref name="pathMap"/>); it sees the state with the source's update applied.</param>
    /// <param name="pathMap">Optional: maps router results to node names.</param>
    /// <returns>This builder.</returns>
    public StateGraph<TState> AddConditionalEdges(string source, Func<TState, string> router, IReadOnlyDictionary<string, string>? pathMap = null)
    {
        ArgumentNullException.ThrowIfNull(router);
        return AddBranch(source, (state, _, _) => new([router(state)]), pathMap);
    }

    /// <summary>Adds a conditional edge that may fan out: every node the router names runs in the next step.</summary>
    /// <param name="source">A node, or <see cref="StateGraph.Start"/>.</param>
    /// <param name="router">Returns node names (or keys of <paramref name="pathMap"/>); empty or <see cref="StateGraph.End"/> ends this path.</param>
    /// <param name="pathMap">Optional: maps router results to node names.</param>
    /// <returns>This builder.</returns>
    public StateGraph<TState> AddConditionalEdges(string source, Func<TState, IReadOnlyList<string>> router, IReadOnlyDictionary<string, string>? pathMap = null)
    {
        ArgumentNullException.ThrowIfNull(router);
        return AddBranch(source, (state, _, _) => new([.. router(state)]), pathMap);
    }

    /// <summary>
    /// Adds a conditional edge that fans out with sends (LangGraph's map-reduce): each <see cref="Send"/> runs its node in the
    /// next step with its own input, e.g. <c>s =&gt; s.Subjects.Select(subject =&gt; new Send("write_joke", new State { Subject = subject }))</c>.
    /// </summary>
    /// <param name="source">A node, or <see cref="StateGraph.Start"/>.</param>
    /// <param name="router">Returns the sends; none ends this path.</param>
    /// <returns>This builder.</returns>
    public StateGraph<TState> AddConditionalEdges(string source, Func<TState, IEnumerable<Send>> router)
    {
        ArgumentNullException.ThrowIfNull(router);
        return AddBranch(source, (state, _, _) => new([.. router(state)]), null);
    }

    /// <summary>Adds a conditional edge that fans out with sends, from an asynchronous router that receives the run context.</summary>
    /// <param name="source">A node, or <see cref="StateGraph.Start"/>.</param>
    /// <param name="router">Returns the sends; none ends this path.</param>
    /// <returns>This builder.</returns>
    public StateGraph<TState> AddConditionalEdges(string source, Func<TState, NodeContext, Task<IEnumerable<Send>>> router)
    {
        ArgumentNullException.ThrowIfNull(router);
        return AddBranch(source, async (state, context, isAsync) => [.. await SyncPath.Run(router(state, context), isAsync).ConfigureAwait(false)], null);
    }

    /// <summary>Adds a conditional edge with an asynchronous router that receives the run context.</summary>
    /// <param name="source">A node, or <see cref="StateGraph.Start"/>.</param>
    /// <param name="router">Returns a node name or <see cref="StateGraph.End"/> (or a key of <paramref name="pathMap"/>).</param>
    /// <param name="pathMap">Optional: maps router results to node names.</param>
    /// <returns>This builder.</returns>
    public StateGraph<TState> AddConditionalEdges(string source, Func<TState, NodeContext, Task<string>> router, IReadOnlyDictionary<string, string>? pathMap = null)
    {
        ArgumentNullException.ThrowIfNull(router);
        return AddBranch(source, async (state, context, isAsync) => [await SyncPath.Run(router(state, context), isAsync).ConfigureAwait(false)], pathMap);
    }

    /// <summary>Gives a state field a reducer (overriding a <see cref="ReducerAttribute"/>), e.g. <c>AddReducer(s =&gt; s.Log, (a, b) =&gt; [.. a, .. b])</c>.</summary>
    /// <typeparam name="TValue">The field's type.</typeparam>
    /// <param name="field">The field, as <c>s =&gt; s.Property</c>.</param>
    /// <param name="reducer">Combines the current value (the field's default at first) with an update; must not change its arguments.</param>
    /// <returns>This builder.</returns>
    public StateGraph<TState> AddReducer<TValue>(Expression<Func<TState, TValue>> field, Func<TValue, TValue, TValue> reducer)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(reducer);
        var channel = StateSchema<TState>.Instance.Resolve(field).Channel;
        _reducers[channel] = (current, update) => reducer(current is TValue c ? c : default!, update is TValue u ? u : default!);
        return this;
    }

    /// <summary>Compiles the graph.</summary>
    /// <param name="checkpointer">
    /// Saves a checkpoint after every step, keyed by the run config's <c>thread_id</c>. Without one a root graph keeps
    /// nothing between runs, and a subgraph uses its parent's.
    /// </param>
    /// <param name="store">The long-term memory store nodes reach through <see cref="NodeContext.Store"/>.</param>
    /// <param name="interruptBefore">Static breakpoints: pause every run before these nodes run (<c>"*"</c> for every node). Continue with <c>Invoke(null, config)</c>.</param>
    /// <param name="interruptAfter">Static breakpoints: pause every run after these nodes ran.</param>
    /// <returns>The runnable graph.</returns>
    /// <exception cref="InvalidOperationException">The graph is incomplete (no entry point, an edge or a breakpoint naming an unknown node) or a state field's type cannot be stored by the checkpointer's serializer.</exception>
    public CompiledStateGraph<TState> Compile(BaseCheckpointSaver? checkpointer = null, BaseStore? store = null, IReadOnlyList<string>? interruptBefore = null, IReadOnlyList<string>? interruptAfter = null) =>
        new(CompilePregel(interruptBefore, interruptAfter), checkpointer is null ? CheckpointerMode.Inherit : CheckpointerMode.Explicit, checkpointer, store);

    /// <summary>
    /// Compiles a subgraph with (<see langword="true"/>) its own history: its checkpoints go under the namespace of its
    /// node name, without a task id, so its state carries over from one parent run to the next on the same thread.
    /// With <see langword="false"/> it is never checkpointed.
    /// </summary>
    /// <param name="checkpointer"><see langword="true"/> for a subgraph with its own history, <see langword="false"/> for none.</param>
    /// <param name="store">The store nodes reach; the parent's when <see langword="null"/>.</param>
    /// <param name="interruptBefore">Static breakpoints: pause before these nodes run (<c>"*"</c> for every node).</param>
    /// <param name="interruptAfter">Static breakpoints: pause after these nodes ran.</param>
    /// <returns>The runnable graph, to be added to a parent with <c>AddNode</c>.</returns>
    public CompiledStateGraph<TState> Compile(bool checkpointer, BaseStore? store = null, IReadOnlyList<string>? interruptBefore = null, IReadOnlyList<string>? interruptAfter = null) =>
        new(CompilePregel(interruptBefore, interruptAfter), checkpointer ? CheckpointerMode.Own : CheckpointerMode.Disabled, null, store);

    private PregelGraph CompilePregel(IReadOnlyList<string>? interruptBefore, IReadOnlyList<string>? interruptAfter) =>
        new StateGraphCompiler<TState>([.. _nodes], [.. _edges], [.. _joins], [.. _branches], new Dictionary<string, Func<object?, object?, object?>>(_reducers), [.. interruptBefore ?? []], [.. interruptAfter ?? []]).Compile();

    private StateGraph<TState> Add(string name, NodeFunc<TState>? function, CompiledGraph? subgraph)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is StateGraph.Start or StateGraph.End || name.Contains(Reserved.NamespaceEnd, StringComparison.Ordinal) || name.Contains(Reserved.NamespaceSeparator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' cannot name a node: node names cannot be StateGraph.Start or StateGraph.End, and cannot contain ':' or '|'.", nameof(name));
        }

        if (_nodes.Exists(n => n.Name == name))
        {
            throw new ArgumentException($"The graph already has a node named '{name}'.", nameof(name));
        }

        _nodes.Add(new NodeSpec<TState>(name, function, subgraph));
        return this;
    }

    private StateGraph<TState> AddBranch(string source, RouterFunc<TState> router, IReadOnlyDictionary<string, string>? pathMap)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ThrowIfEndpointMisused(source, null);
        _branches.Add(new BranchSpec<TState>(source, router, pathMap is null ? null : new Dictionary<string, string>(pathMap, StringComparer.Ordinal)));
        return this;
    }

    private static void ThrowIfEndpointMisused(string source, string? target)
    {
        if (source == StateGraph.End)
        {
            throw new ArgumentException("StateGraph.End cannot be the source of an edge.", nameof(source));
        }

        if (target == StateGraph.Start)
        {
            throw new ArgumentException("StateGraph.Start cannot be the target of an edge.", nameof(target));
        }
    }
}
