using System.Text.Json.Nodes;

namespace Checkpoint.Cli.Verification;

/// <summary>One thing <c>verify</c> found wrong, and where.</summary>
/// <param name="Kind">What is wrong: <c>unreadable-checkpoint</c>, <c>missing-value</c>, <c>missing-chunk</c>, <c>corrupt-value</c>, <c>corrupt-write</c>, <c>missing-parent</c>, <c>unreadable-item</c>.</param>
/// <param name="ThreadId">The thread, or <see langword="null"/> for store damage.</param>
/// <param name="CheckpointNs">The namespace, when known.</param>
/// <param name="CheckpointId">The checkpoint, when known.</param>
/// <param name="Detail">A sentence naming the channel, write or item.</param>
internal sealed record Damage(string Kind, string? ThreadId, string? CheckpointNs, string? CheckpointId, string Detail)
{
    /// <summary>Gets where the damage is, for a person.</summary>
    public string Location => ThreadId is null
        ? "store"
        : $"thread '{ThreadId}'" + (CheckpointId is null ? string.Empty : $", checkpoint {CheckpointId}") + (string.IsNullOrEmpty(CheckpointNs) ? string.Empty : $" (namespace {CheckpointNs})");

    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind,
        ["thread_id"] = ThreadId,
        ["checkpoint_ns"] = CheckpointNs,
        ["checkpoint_id"] = CheckpointId,
        ["detail"] = Detail,
    };
}
