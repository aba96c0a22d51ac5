namespace Checkpoint.Graph.Tests.Support;

/// <summary>One checkpoint the runtime saved, with the channels it gave new value blobs (its <c>newVersions</c>).</summary>
public sealed record RecordedPut(string CheckpointNs, string? ParentCheckpointId, GraphCheckpoint Checkpoint, CheckpointMetadata Metadata, IReadOnlyList<string> NewVersionChannels);
