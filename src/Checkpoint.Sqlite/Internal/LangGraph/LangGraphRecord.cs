using Checkpoint.Providers;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// One checkpoint row of LangGraph's layout as stored (checkpoint and metadata still encoded, so a listing decodes only
/// the rows it returns), with its stored writes.
/// </summary>
internal sealed record LangGraphRecord(
    string ThreadId,
    string CheckpointNs,
    string CheckpointId,
    string? ParentCheckpointId,
    string? Type,
    byte[] Checkpoint,
    byte[]? Metadata,
    List<SerializedWrite> Writes);
