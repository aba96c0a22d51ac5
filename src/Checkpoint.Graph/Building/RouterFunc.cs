namespace Checkpoint.Graph.Building;

/// <summary>A conditional edge's router as the runtime calls it: the destinations for a state.</summary>
internal delegate ValueTask<IReadOnlyList<string>> RouterFunc<TState>(TState state, NodeContext context, bool isAsync)
    where TState : class, new();
