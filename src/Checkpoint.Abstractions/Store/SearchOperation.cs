using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>
/// Searches the items under a namespace prefix. Its batch result is an <see cref="IReadOnlyList{T}"/> of
/// <see cref="SearchItem"/>.
/// </summary>
/// <remarks>
/// Without <see cref="Query"/>, results are ordered by update time (newest first), then namespace path and key.
/// With a query, they are ordered by score (highest first); items without an embedding come after every scored
/// item. <see cref="Offset"/> and <see cref="Limit"/> apply to that order.
/// </remarks>
/// <param name="NamespacePrefix">The prefix; the empty namespace searches everything.</param>
public sealed record SearchOperation(StoreNamespace NamespacePrefix) : StoreOperation
{
    /// <summary>
    /// Gets a natural-language query, ranked by semantic similarity with <see cref="StoreOptions.Index"/>. A store without an
    /// index ignores it, as LangGraph's stores do: the search returns the items it would return without a query, with
    /// <see langword="null"/> scores.
    /// </summary>
    public string? Query { get; init; }

    /// <summary>
    /// Gets a filter on the document's fields: keys are field paths (<c>a</c> or <c>a.b</c>), values are either a plain
    /// JSON value (equality) or an object of operators <c>$eq $ne $gt $gte $lt $lte</c>. See <see cref="Providers.StoreFilter"/>.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?>? Filter { get; init; }

    /// <summary>Gets the maximum number of items to return (default 10).</summary>
    public int Limit { get; init; } = 10;

    /// <summary>Gets how many items of the ordered result to skip (default 0).</summary>
    public int Offset { get; init; }

    /// <summary>Gets whether to restart the time to live of the returned items; the store's default when <see langword="null"/>.</summary>
    public bool? RefreshTtl { get; init; }
}
