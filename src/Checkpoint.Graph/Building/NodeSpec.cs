namespace Checkpoint.Graph.Building;

/// <summary>A node added to a <see cref="StateGraph{TState}"/>: a function, or a compiled subgraph.</summary>
internal sealed record NodeSpec<TState>(string Name, NodeFunc<TState>? Function, CompiledGraph? Subgraph)
    where TState : class, new();
