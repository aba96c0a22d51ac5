namespace Checkpoint.Graph;

/// <summary>A task of a checkpoint's next step, as reported by <c>GetState</c> (LangGraph's <c>PregelTask</c>).</summary>
/// <param name="Id">The task id (stable: a resumed run uses it to find the task's saved writes and answers).</param>
/// <param name="Name">The node.</param>
/// <param name="Error">The error its last attempt saved, or <see langword="null"/>.</param>
/// <param name="Interrupts">The interrupts it is waiting on; empty once it has finished.</param>
/// <param name="Result">The writes it saved when it finished (by channel), or <see langword="null"/> while it is pending.</param>
/// <param name="State">For a subgraph node, the config that addresses the subgraph's checkpoints (its <c>checkpoint_ns</c>).</param>
/// <param name="Subgraph">For a subgraph node, with <c>GetState(config, subgraphs: true)</c>: the subgraph's state.</param>
public sealed record StateTask(
    string Id,
    string Name,
    string? Error,
    IReadOnlyList<Interrupt> Interrupts,
    IReadOnlyDictionary<string, object?>? Result,
    RunConfig? State,
    StateSnapshot? Subgraph);
