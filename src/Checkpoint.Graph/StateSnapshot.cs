namespace Checkpoint.Graph;

/// <summary>
/// The state of a thread at one checkpoint (LangGraph's <c>StateSnapshot</c>), without its values' type: what
/// <see cref="StateTask.Subgraph"/> holds. Cast to <see cref="StateSnapshot{TState}"/> to read the values.
/// </summary>
/// <param name="Next">The nodes still to run in the next step; empty when the run completed.</param>
/// <param name="Config">The config that addresses this checkpoint (pass it to invoke from here: time travel).</param>
/// <param name="Metadata">The checkpoint's metadata (<c>source</c>, <c>step</c>, <c>parents</c>, ...); <see langword="null"/> for an empty thread.</param>
/// <param name="CreatedAt">When the checkpoint was saved.</param>
/// <param name="ParentConfig">The config of the previous checkpoint, or <see langword="null"/>.</param>
/// <param name="Tasks">The tasks of the next step: pending, failed, paused or finished.</param>
/// <param name="Interrupts">The interrupts waiting for an answer (every pending task's, subgraphs' included).</param>
public abstract record StateSnapshot(
    IReadOnlyList<string> Next,
    RunConfig Config,
    CheckpointMetadata? Metadata,
    DateTimeOffset? CreatedAt,
    RunConfig? ParentConfig,
    IReadOnlyList<StateTask> Tasks,
    IReadOnlyList<Interrupt> Interrupts)
{
    /// <summary>Gets the values, typed as <see cref="object"/>.</summary>
    public abstract object? ValuesObject { get; }
}

/// <summary>The state of a thread at one checkpoint (LangGraph's <c>StateSnapshot</c>).</summary>
/// <typeparam name="TState">The state type (an entrypoint's result type).</typeparam>
/// <param name="Values">
/// The state. Read from the thread's latest checkpoint it includes the writes of the tasks that finished in the step
/// that is still pending (a failed or paused step), as LangGraph shows them.
/// </param>
/// <param name="Next">The nodes still to run in the next step; empty when the run completed.</param>
/// <param name="Config">The config that addresses this checkpoint (pass it to invoke from here: time travel).</param>
/// <param name="Metadata">The checkpoint's metadata (<c>source</c>, <c>step</c>, <c>parents</c>, ...); <see langword="null"/> for an empty thread.</param>
/// <param name="CreatedAt">When the checkpoint was saved.</param>
/// <param name="ParentConfig">The config of the previous checkpoint, or <see langword="null"/>.</param>
/// <param name="Tasks">The tasks of the next step, with their errors, interrupts and results.</param>
/// <param name="Interrupts">The interrupts waiting for an answer.</param>
public sealed record StateSnapshot<TState>(
    TState Values,
    IReadOnlyList<string> Next,
    RunConfig Config,
    CheckpointMetadata? Metadata,
    DateTimeOffset? CreatedAt,
    RunConfig? ParentConfig,
    IReadOnlyList<StateTask> Tasks,
    IReadOnlyList<Interrupt> Interrupts)
    : StateSnapshot(Next, Config, Metadata, CreatedAt, ParentConfig, Tasks, Interrupts)
{
    /// <inheritdoc />
    public override object? ValuesObject => Values;
}
