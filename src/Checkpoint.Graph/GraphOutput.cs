namespace Checkpoint.Graph;

/// <summary>
/// What a run returned (LangGraph's <c>GraphOutput</c>, from <c>invoke(..., version="v2")</c>): the final value and the
/// interrupts that paused the run, if any.
/// </summary>
/// <typeparam name="TValue">The state (or an entrypoint's result) type.</typeparam>
/// <param name="Value">
/// The state when the run stopped. When it paused, this includes the updates of the nodes that finished in the
/// paused step (the saved checkpoint holds them as pending writes until the step completes).
/// </param>
/// <param name="Interrupts">The interrupts waiting for an answer; empty when the run completed or stopped at a breakpoint.</param>
/// <param name="Next">The nodes that run when the thread is resumed; empty when the run completed.</param>
public sealed record GraphOutput<TValue>(TValue Value, IReadOnlyList<Interrupt> Interrupts, IReadOnlyList<string> Next)
{
    /// <summary>Gets whether the run paused (an interrupt or a breakpoint) instead of completing.</summary>
    public bool IsPaused => Next.Count > 0;
}
