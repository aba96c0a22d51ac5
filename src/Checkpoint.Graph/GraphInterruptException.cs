namespace Checkpoint.Graph;

/// <summary>
/// Pauses a run (LangGraph's <c>GraphInterrupt</c>): thrown by <see cref="NodeContext.Interrupt(object?)"/> and caught by
/// the runtime, which saves the interrupts and returns them to the caller. It is not an error.
/// </summary>
/// <remarks>
/// A node that catches exceptions must let this one through (<c>catch (Exception e) when (e is not GraphInterruptException)</c>),
/// or the run cannot pause.
/// </remarks>
public sealed class GraphInterruptException : Exception
{
    /// <summary>Initializes an instance without interrupts.</summary>
    public GraphInterruptException()
        : this([])
    {
    }

    /// <summary>Initializes an instance with a message.</summary>
    /// <param name="message">The message.</param>
    public GraphInterruptException(string message)
        : base(message)
    {
        Interrupts = [];
    }

    /// <summary>Initializes an instance with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public GraphInterruptException(string message, Exception innerException)
        : base(message, innerException)
    {
        Interrupts = [];
    }

    /// <summary>Initializes an instance carrying interrupts.</summary>
    /// <param name="interrupts">The interrupts; empty for a static breakpoint.</param>
    public GraphInterruptException(IReadOnlyList<Interrupt> interrupts)
        : base(Describe(interrupts))
    {
        ArgumentNullException.ThrowIfNull(interrupts);
        Interrupts = interrupts;
    }

    /// <summary>Gets the interrupts that paused the run; empty for a static breakpoint (<c>interruptBefore</c>/<c>interruptAfter</c>).</summary>
    public IReadOnlyList<Interrupt> Interrupts { get; }

    private static string Describe(IReadOnlyList<Interrupt>? interrupts) =>
        interrupts is null || interrupts.Count == 0
            ? "The run paused at a breakpoint."
            : $"The run paused for {interrupts.Count} interrupt(s): {string.Join(", ", interrupts.Select(i => i.Id))}.";
}
