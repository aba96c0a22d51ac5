using System.Globalization;
using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint.Redis.Internal;

/// <summary>An item as read from a namespace's keys.</summary>
internal sealed record ItemRow(StoreNamespace Namespace, string Key, JsonObject Value, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool HasTtl, IReadOnlyList<FieldEmbedding> Embeddings)
{
    /// <summary>Builds a row from stored parts: the key, the document (read by the store), the meta text and the embeddings (or none).</summary>
    /// <exception cref="FormatException">The meta text or the embeddings are malformed.</exception>
    public static ItemRow Read(StoreNamespace ns, string key, JsonObject value, string meta, byte[]? embeddings)
    {
        var parts = meta.Split(',');
        if (parts.Length != 3)
        {
            throw new FormatException("A stored item's metadata is malformed; the data was not written by this library.");
        }

        return new ItemRow(
            ns,
            key,
            value,
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[0], CultureInfo.InvariantCulture)),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[1], CultureInfo.InvariantCulture)),
            long.Parse(parts[2], CultureInfo.InvariantCulture) >= 0,
            embeddings is null ? [] : EmbeddingCodec.Decode(embeddings));
    }

    public Item ToItem() => new(Namespace, Key, Value, CreatedAt, UpdatedAt);

    public SearchItem ToSearchItem(double? score) => new(Namespace, Key, Value, CreatedAt, UpdatedAt, score);
}
