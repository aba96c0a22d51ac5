using System.Text.Json.Nodes;

namespace Checkpoint.Cli.Verification;

/// <summary>One thing <c>verify</c> found wrong, and where.</summary>
/// <param name="Kind">What is wrong: <c>unreadable-checkpoint</c>, <c>missing-value</c>, <c>missing-chunk</c>, <c>corrupt-value</c>, <c>corrupt-write</c>, <c>missing-parent</c>, <c>unreadable-item</c>.</param>
/// <param name="ThreadId">The thread, or <see langword="null"/> for store damage (see <see cref="ItemNamespace"/> and <see cref="ItemKey"/>).</param>
/// <param name="CheckpointNs">The namespace, when known.</param>
/// <param name="CheckpointId">The checkpoint, when known.</param>
/// <param name="Detail">A sentence naming the channel, write or item.</param>
internal sealed record Damage(string Kind, string? ThreadId, string? CheckpointNs, string? CheckpointId, string Detail)
{
    /// <summary>Gets the namespace of a damaged store item.</summary>
    public StoreNamespace? ItemNamespace { get; private init; }

    /// <summary>Gets the key of a damaged store item.</summary>
    public string? ItemKey { get; private init; }

    /// <summary>Gets where the damage is, for a person.</summary>
    public string Location => ThreadId is null
        ? ItemKey is null ? "store" : $"store item {ItemNamespace} '{ItemKey}'"
        : $"thread '{ThreadId}'" + (CheckpointId is null ? string.Empty : $", checkpoint {CheckpointId}") + (string.IsNullOrEmpty(CheckpointNs) ? string.Empty : $" (namespace {CheckpointNs})");

    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind,
        ["thread_id"] = ThreadId,
        ["checkpoint_ns"] = CheckpointNs,
        ["checkpoint_id"] = CheckpointId,
        ["namespace"] = ItemNamespace is { } ns ? new JsonArray([.. ns.Select(label => (JsonNode)label)]) : null,
        ["key"] = ItemKey,
        ["detail"] = Detail,
    };

    /// <summary>A store item that cannot be read.</summary>
    /// <param name="namespace">Its namespace.</param>
    /// <param name="key">Its key.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>The damage.</returns>
    public static Damage Item(StoreNamespace @namespace, string key, string problem) =>
        new("unreadable-item", null, null, null, problem) { ItemNamespace = @namespace, ItemKey = key };
}
