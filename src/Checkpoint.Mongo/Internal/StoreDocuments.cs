using System.Text.Json.Nodes;
using Checkpoint.Providers;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// Reads store item documents: <c>{ namespace: [labels], ns_path, key, value, created_at, updated_at, ttl_ms,
/// expires_at, purge_at, embeddings: [{ field, vector }] }</c>. <c>value</c> is the document as BSON, so filters run
/// on the server; vectors are little-endian float32 binaries.
/// </summary>
internal static class StoreDocuments
{
    /// <summary>Reads an item.</summary>
    /// <param name="document">The item document.</param>
    /// <param name="readValue">Reads the item's value (<see cref="ReadValue"/>) given its namespace and key, so damage can name the item.</param>
    /// <param name="score">The search score, when the item is a search result.</param>
    /// <returns>The item.</returns>
    public static SearchItem ReadItem(BsonDocument document, Func<StoreNamespace, string, JsonObject> readValue, double? score = null)
    {
        var ns = ReadNamespace(document);
        var key = document[Fields.Key].AsString;
        return new(ns, key, readValue(ns, key), ReadTime(document[Fields.CreatedAt]), ReadTime(document[Fields.UpdatedAt]), score);
    }

    /// <summary>Reads an item's stored value as JSON, whatever BSON it holds (an intact item holds a document).</summary>
    public static JsonNode? ReadValue(BsonDocument document) => JsonBson.ToJson(document[Fields.Value]);

    /// <summary>Reads an item's namespace.</summary>
    public static StoreNamespace ReadNamespace(BsonDocument document) =>
        document.TryGetValue(Fields.Namespace, out var labels) && labels.IsBsonArray
            ? new StoreNamespace(labels.AsBsonArray.Select(l => l.AsString))
            : StoreNamespace.FromPath(document[Fields.NamespacePath].AsString);

    /// <summary>Reads an item's field embeddings.</summary>
    public static IReadOnlyList<float[]> ReadVectors(BsonDocument document) =>
        document.TryGetValue(Fields.Embeddings, out var embeddings) && embeddings.IsBsonArray
            ? [.. embeddings.AsBsonArray.Select(e => VectorMath.FromBytes(e[Fields.Vector].AsByteArray))]
            : [];

    /// <summary>Reads an item's time to live.</summary>
    public static TimeSpan? ReadTtl(BsonDocument document) =>
        document.TryGetValue(Fields.TtlMilliseconds, out var ttl) && ttl.IsNumeric ? TimeSpan.FromMilliseconds(ttl.ToInt64()) : null;

    private static DateTimeOffset ReadTime(BsonValue value) => new(value.ToUniversalTime(), TimeSpan.Zero);
}
