namespace Checkpoint.Graph.Building;

/// <summary>A node as the runtime calls it, whatever shape the user wrote it in.</summary>
internal delegate ValueTask<StateUpdate<TState>?> NodeFunc<TState>(TState state, NodeContext context, bool isAsync)
    where TState : class, new();
