namespace Checkpoint.Graph.Pregel;

/// <summary>A state snapshot in channel terms; the graph that produced it gives it its type (<see cref="CompiledGraph.ToSnapshot"/>).</summary>
internal sealed record SnapshotData(
    IReadOnlyDictionary<string, object?> Values,
    IReadOnlyList<string> Next,
    RunConfig Config,
    CheckpointMetadata? Metadata,
    DateTimeOffset? CreatedAt,
    RunConfig? ParentConfig,
    IReadOnlyList<TaskData> Tasks,
    IReadOnlyList<Interrupt> Interrupts);

/// <summary>One task of a <see cref="SnapshotData"/>; a subgraph task may carry the subgraph's snapshot and the graph that types it.</summary>
internal sealed record TaskData(
    string Id,
    string Name,
    string? Error,
    IReadOnlyList<Interrupt> Interrupts,
    IReadOnlyDictionary<string, object?>? Result,
    RunConfig? State,
    CompiledGraph? Subgraph = null,
    SnapshotData? SubgraphSnapshot = null);
