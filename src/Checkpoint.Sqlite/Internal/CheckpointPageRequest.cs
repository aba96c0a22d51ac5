using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// What one page query asks for: the list filters, the keyset position after the previous page, a size, and the chunk
/// blobs not to read because the saver holds them.
/// </summary>
internal sealed record CheckpointPageRequest(
    string? ThreadId,
    string? CheckpointNs,
    string? CheckpointId,
    string? Before,
    IReadOnlyDictionary<string, JsonNode?> Filter,
    CheckpointRecord? After,
    int Limit,
    CachedChunks Cached)
{
    public CheckpointPageShape Shape =>
        (ThreadId is null ? 0 : CheckpointPageShape.Thread)
        | (CheckpointNs is null ? 0 : CheckpointPageShape.Namespace)
        | (CheckpointId is null ? 0 : CheckpointPageShape.CheckpointId)
        | (Before is null ? 0 : CheckpointPageShape.Before)
        | (Filter.Count == 0 ? 0 : CheckpointPageShape.Filter)
        | (After is null ? 0 : CheckpointPageShape.Cursor)
        | (Cached.IsEmpty ? 0 : CheckpointPageShape.Cached);
}
