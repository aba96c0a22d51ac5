namespace Checkpoint.Mongo.Internal;

/// <summary>A checkpoint document read back: its key, skeleton (no channel values), metadata and parent.</summary>
internal sealed record StoredCheckpoint(string ThreadId, string CheckpointNs, string CheckpointId, string? ParentCheckpointId, GraphCheckpoint Checkpoint, CheckpointMetadata Metadata);
