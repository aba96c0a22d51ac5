using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>An item returned by a search, with its relevance when the search had a query.</summary>
public sealed class SearchItem : Item
{
    /// <summary>Initializes a search result.</summary>
    /// <param name="namespace">The namespace.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The document.</param>
    /// <param name="createdAt">When the key was first written.</param>
    /// <param name="updatedAt">When the key was last written.</param>
    /// <param name="score">The cosine similarity to the query, or <see langword="null"/>.</param>
    public SearchItem(StoreNamespace @namespace, string key, JsonObject value, DateTimeOffset createdAt, DateTimeOffset updatedAt, double? score)
        : base(@namespace, key, value, createdAt, updatedAt)
    {
        Score = score;
    }

    /// <summary>Gets the cosine similarity between the query and the item's best-matching indexed field; <see langword="null"/> without a query or for an item with no embedding.</summary>
    public double? Score { get; }

    /// <inheritdoc />
    public override bool Equals(Item? other) => base.Equals(other) && other is SearchItem search && Nullable.Equals(Score, search.Score);

    /// <inheritdoc />
    public override int GetHashCode() => base.GetHashCode();
}
