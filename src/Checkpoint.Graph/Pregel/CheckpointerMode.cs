namespace Checkpoint.Graph.Pregel;

/// <summary>How a compiled graph gets its checkpointer.</summary>
internal enum CheckpointerMode
{
    /// <summary>Compiled without one: a root graph keeps nothing, a subgraph uses its parent's under <c>node:taskId</c>.</summary>
    Inherit,

    /// <summary>Compiled with a saver instance (root graphs only).</summary>
    Explicit,

    /// <summary>Compiled with <c>checkpointer: true</c>: a subgraph keeps its own history under <c>node</c>, across parent runs.</summary>
    Own,

    /// <summary>Compiled with <c>checkpointer: false</c>: never checkpointed, even inside a checkpointed parent.</summary>
    Disabled,
}
