namespace Checkpoint.Graph;

/// <summary>The state of a thread at one checkpoint (LangGraph's <c>StateSnapshot</c>).</summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <param name="Values">The state.</param>
/// <param name="Next">The nodes that run next; empty when the run completed.</param>
/// <param name="Config">The config that addresses this checkpoint (pass it to invoke from here: time travel).</param>
/// <param name="Metadata">The checkpoint's metadata (<c>source</c>, <c>step</c>, <c>parents</c>, ...); <see langword="null"/> for an empty thread.</param>
/// <param name="CreatedAt">When the checkpoint was saved.</param>
/// <param name="ParentConfig">The config of the previous checkpoint, or <see langword="null"/>.</param>
/// <param name="Tasks">The pending tasks, with the error of a failed attempt.</param>
public sealed record StateSnapshot<TState>(
    TState Values,
    IReadOnlyList<string> Next,
    RunConfig Config,
    CheckpointMetadata? Metadata,
    DateTimeOffset? CreatedAt,
    RunConfig? ParentConfig,
    IReadOnlyList<StateTask> Tasks)
    where TState : class, new();
