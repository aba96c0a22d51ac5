namespace Checkpoint.Graph;

/// <summary>
/// Steers a run (LangGraph's <c>Command</c>): resume interrupts, update the state and choose the next nodes.
/// </summary>
/// <remarks>
/// <para>
/// As the input of <c>Invoke</c>/<c>Run</c>/<c>Stream</c> (it converts to <see cref="StateUpdate{TState}"/>):
/// <c>graph.Invoke(Command.Resume("approve"), config)</c> answers the pending interrupt and continues the thread;
/// <see cref="Update"/> and <see cref="Goto"/> are applied before the paused step runs again.
/// </para>
/// <para>
/// As a node's return value: <c>return new Command { Update = new State { ... }, Goto = ["tools"] };</c> writes the update
/// and runs <c>tools</c> next (besides the node's edges). With <see cref="Graph"/> set to <see cref="Parent"/>, a node of a
/// subgraph sends the update and the goto to the parent graph instead: the subgraph stops and its node in the parent
/// finishes with them.
/// </para>
/// </remarks>
public sealed record Command
{
    /// <summary>The value of <see cref="Graph"/> that addresses the parent graph (LangGraph's <c>Command.PARENT</c>).</summary>
    public const string Parent = "__parent__";

    /// <summary>
    /// Gets the state update: a partial state, a <see cref="StateUpdate{TState}"/> of the target graph's state type, or a
    /// dictionary keyed by channel name. Reducers apply as for a node's update.
    /// </summary>
    public object? Update { get; init; }

    /// <summary>Gets the nodes to run next (<see cref="StateGraph.End"/> is ignored).</summary>
    public IReadOnlyList<string> Goto { get; init; } = [];

    /// <summary>Gets the tasks to run next, each with its own input (map-reduce fan-out).</summary>
    public IReadOnlyList<Send> Sends { get; init; } = [];

    /// <summary>Gets the graph the command addresses: <see langword="null"/> for the current one, <see cref="Parent"/> for the parent.</summary>
    public string? Graph { get; init; }

    /// <summary>Gets the answer to the single pending interrupt, when <see cref="HasResumeValue"/>.</summary>
    public object? ResumeValue { get; private init; }

    /// <summary>Gets whether the command carries a single answer (<see cref="ResumeValue"/>).</summary>
    public bool HasResumeValue { get; private init; }

    /// <summary>Gets answers by interrupt id, or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, object?>? ResumeByInterruptId { get; private init; }

    /// <summary>Gets whether the command answers interrupts.</summary>
    public bool IsResume => HasResumeValue || ResumeByInterruptId is not null;

    /// <summary>
    /// Answers the thread's pending interrupt: the node that asked re-runs and its <c>Interrupt</c> call returns
    /// <paramref name="value"/>. With several pending interrupts, answer them by id instead.
    /// </summary>
    /// <param name="value">The answer; must not be <see langword="null"/> (as in LangGraph).</param>
    /// <returns>The command.</returns>
    public static Command Resume(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Command { ResumeValue = value, HasResumeValue = true };
    }

    /// <summary>
    /// Answers several pending interrupts at once, by <see cref="Interrupt.Id"/>. Interrupts left out stay pending.
    /// </summary>
    /// <param name="valuesByInterruptId">The answers; every key must be the id of a pending interrupt.</param>
    /// <returns>The command.</returns>
    public static Command Resume(IReadOnlyDictionary<string, object?> valuesByInterruptId)
    {
        ArgumentNullException.ThrowIfNull(valuesByInterruptId);
        if (valuesByInterruptId.Count == 0)
        {
            throw new ArgumentException("Resume by interrupt id needs at least one answer.", nameof(valuesByInterruptId));
        }

        foreach (var (id, answer) in valuesByInterruptId)
        {
            ArgumentException.ThrowIfNullOrEmpty(id, nameof(valuesByInterruptId));
            if (answer is null)
            {
                throw new ArgumentException($"The answer to interrupt '{id}' is null; an answer must be a value (as in LangGraph).", nameof(valuesByInterruptId));
            }
        }

        return new Command { ResumeByInterruptId = new Dictionary<string, object?>(valuesByInterruptId, StringComparer.Ordinal) };
    }

    /// <summary>Runs <paramref name="node"/> next, optionally with a state update.</summary>
    /// <param name="node">The node.</param>
    /// <param name="update">The update, as for <see cref="Update"/>.</param>
    /// <returns>The command.</returns>
    public static Command GoTo(string node, object? update = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(node);
        return new Command { Goto = [node], Update = update };
    }
}
