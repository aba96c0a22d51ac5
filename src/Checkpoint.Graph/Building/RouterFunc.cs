namespace Checkpoint.Graph.Building;

/// <summary>A conditional edge's router as the runtime calls it: the destinations for a state, each a node name or a <see cref="Send"/>.</summary>
internal delegate ValueTask<IReadOnlyList<object>> RouterFunc<TState>(TState state, NodeContext context, bool isAsync)
    where TState : class, new();
