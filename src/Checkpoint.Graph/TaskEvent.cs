namespace Checkpoint.Graph;

/// <summary>
/// A task starting or finishing, as reported by <see cref="StreamMode.Tasks"/> (LangGraph's <c>tasks</c> stream mode).
/// </summary>
/// <param name="Id">The task id.</param>
/// <param name="Name">The node (or functional task) name.</param>
/// <param name="Triggers">The channels that triggered it (empty for a send).</param>
/// <param name="IsResult"><see langword="false"/> when the task starts; <see langword="true"/> when it has finished, failed or paused.</param>
/// <param name="Result">The writes of a finished task, by channel; <see langword="null"/> at the start or when it did not finish.</param>
/// <param name="Error">The error of a failed task.</param>
/// <param name="Interrupts">The interrupts a paused task raised.</param>
public sealed record TaskEvent(
    string Id,
    string Name,
    IReadOnlyList<string> Triggers,
    bool IsResult,
    IReadOnlyDictionary<string, object?>? Result,
    string? Error,
    IReadOnlyList<Interrupt> Interrupts);
