using System.Text.Json;
using System.Text.Json.Nodes;
using Checkpoint.Providers;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// Translates a checkpoint-list metadata filter (top-level keys, deep JSON equality, numbers by value) into a MongoDB
/// query on <c>metadata.&lt;key&gt;</c>.
/// </summary>
/// <remarks>
/// A scalar is matched exactly: <c>{ $eq: v, $not: { $type: "array" } }</c>, because a bare equality would also match
/// an array that merely contains <c>v</c>; JSON null adds <c>$exists: true</c>, because a bare null matches a missing
/// field. Objects and arrays only require the key to exist: MongoDB compares embedded documents field order first,
/// JSON does not. Keys MongoDB cannot address by path (containing <c>.</c> or starting with <c>$</c>) are not pushed
/// down at all. Whatever is not exact is finished in process with <see cref="JsonValueComparer.MetadataMatches"/>.
/// </remarks>
internal static class MetadataFilter
{
    /// <summary>Translates a metadata filter.</summary>
    /// <param name="filter">The filter (validated by the base class: keys non-empty, no NUL).</param>
    /// <returns>The query (empty for an empty filter) and whether it is exact (no in-process check needed).</returns>
    /// <exception cref="ArgumentException">A value cannot be represented in BSON.</exception>
    public static (BsonDocument Query, bool IsExact) Translate(IReadOnlyDictionary<string, JsonNode?> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = new BsonDocument();
        var exact = true;
        foreach (var (key, value) in filter.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!IsAddressable(key))
            {
                exact = false;
                continue;
            }

            var path = Fields.Metadata + "." + key;
            switch (value?.GetValueKind() ?? JsonValueKind.Null)
            {
                case JsonValueKind.Object:
                case JsonValueKind.Array:
                    query.Add(path, new BsonDocument("$exists", true));
                    exact = false;
                    break;
                case JsonValueKind.Null:
                    query.Add(path, new BsonDocument { { "$eq", BsonNull.Value }, { "$exists", true }, { "$not", NotArray } });
                    break;
                default:
                    query.Add(path, new BsonDocument { { "$eq", JsonBson.ToBson(value, "metadata filter") }, { "$not", NotArray } });
                    break;
            }
        }

        return (query, exact);
    }

    /// <summary>Gets <c>{ $type: "array" }</c>, negated beside an equality to exclude array traversal.</summary>
    public static BsonDocument NotArray => new("$type", "array");

    /// <summary>Returns whether MongoDB can address a key as one path segment.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when the key has no <c>.</c> and does not start with <c>$</c>.</returns>
    public static bool IsAddressable(string key) =>
        key.Length > 0 && key[0] != '$' && !key.Contains('.', StringComparison.Ordinal);
}
