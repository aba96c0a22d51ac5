using System.Globalization;
using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint.Redis.Internal;

/// <summary>An item as read from a namespace's keys.</summary>
internal sealed record ItemRow(StoreNamespace Namespace, string Key, JsonObject Value, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool HasTtl, IReadOnlyList<FieldEmbedding> Embeddings)
{
    /// <summary>Builds a row from stored parts: the encoded key, the document JSON, the meta text and the embeddings (or none).</summary>
    public static ItemRow Read(StoreNamespace ns, byte[] key, byte[] json, string meta, byte[]? embeddings)
    {
        var parts = meta.Split(',');
        if (parts.Length != 3)
        {
            throw new FormatException("A stored item's metadata is malformed; the data was not written by this library.");
        }

        return new ItemRow(
            ns,
            OrdinalEncoding.Decode(key),
            JsonNode.Parse(json) as JsonObject ?? throw new FormatException("A stored item is not a JSON object."),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[0], CultureInfo.InvariantCulture)),
            DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[1], CultureInfo.InvariantCulture)),
            long.Parse(parts[2], CultureInfo.InvariantCulture) >= 0,
            embeddings is null ? [] : EmbeddingCodec.Decode(embeddings));
    }

    public Item ToItem() => new(Namespace, Key, Value, CreatedAt, UpdatedAt);

    public SearchItem ToSearchItem(double? score) => new(Namespace, Key, Value, CreatedAt, UpdatedAt, score);
}
