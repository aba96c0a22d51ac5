namespace Checkpoint.Sqlite.Internal;

/// <summary>One row of <c>checkpoints</c> as read, before its values are assembled.</summary>
internal sealed record CheckpointRecord(string ThreadId, string CheckpointNs, string CheckpointId, string? ParentCheckpointId, string CheckpointJson, string MetadataJson);
