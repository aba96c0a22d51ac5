namespace Checkpoint;

/// <summary>A checkpoint together with everything a saver returns about it (LangGraph's <c>CheckpointTuple</c>).</summary>
/// <param name="Config">The config that addresses this checkpoint (thread, namespace and id; nothing else).</param>
/// <param name="Checkpoint">The checkpoint with its channel values.</param>
/// <param name="Metadata">The checkpoint's metadata.</param>
/// <param name="ParentConfig">The config of the parent checkpoint, or <see langword="null"/> for a root checkpoint.</param>
/// <param name="PendingWrites">The writes saved against this checkpoint, ordered by task id then write index.</param>
public sealed record CheckpointTuple(
    RunConfig Config,
    GraphCheckpoint Checkpoint,
    CheckpointMetadata Metadata,
    RunConfig? ParentConfig,
    IReadOnlyList<PendingWrite> PendingWrites);
