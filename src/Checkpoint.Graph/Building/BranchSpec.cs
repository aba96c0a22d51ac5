namespace Checkpoint.Graph.Building;

/// <summary>A conditional edge: after <paramref name="Source"/>, go where the router says (through the path map, if any).</summary>
internal sealed record BranchSpec<TState>(string Source, RouterFunc<TState> Router, IReadOnlyDictionary<string, string>? PathMap)
    where TState : class, new();
