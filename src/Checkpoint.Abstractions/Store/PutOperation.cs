using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>
/// Writes (or, with a <see langword="null"/> value, deletes) one item. Its batch result is <see langword="null"/>.
/// </summary>
/// <param name="Namespace">The namespace; validated (see <see cref="StoreNamespace.Validate"/>).</param>
/// <param name="Key">The key.</param>
/// <param name="Value">The document, or <see langword="null"/> to delete the item.</param>
public sealed record PutOperation(StoreNamespace Namespace, string Key, JsonObject? Value) : StoreOperation
{
    /// <summary>Gets which fields are embedded for semantic search; the store's <see cref="StoreIndexOptions.Fields"/> when <see langword="null"/>.</summary>
    public ItemIndexing? Index { get; init; }

    /// <summary>
    /// Gets the item's time to live: <see langword="null"/> for the store's <see cref="StoreTtlOptions.DefaultTtl"/>,
    /// <see cref="Timeout.InfiniteTimeSpan"/> for never, otherwise a positive duration.
    /// </summary>
    public TimeSpan? Ttl { get; init; }
}
