using System.Text.Json.Nodes;

namespace Checkpoint.Sqlite.Internal;

/// <summary>What one page query asks for: the list filters, the keyset position after the previous page, and a size.</summary>
internal sealed record CheckpointPageRequest(
    string? ThreadId,
    string? CheckpointNs,
    string? CheckpointId,
    string? Before,
    IReadOnlyDictionary<string, JsonNode?> Filter,
    CheckpointRecord? After,
    int Limit)
{
    public CheckpointPageShape Shape =>
        (ThreadId is null ? 0 : CheckpointPageShape.Thread)
        | (CheckpointNs is null ? 0 : CheckpointPageShape.Namespace)
        | (CheckpointId is null ? 0 : CheckpointPageShape.CheckpointId)
        | (Before is null ? 0 : CheckpointPageShape.Before)
        | (Filter.Count == 0 ? 0 : CheckpointPageShape.Filter)
        | (After is null ? 0 : CheckpointPageShape.Cursor);
}
