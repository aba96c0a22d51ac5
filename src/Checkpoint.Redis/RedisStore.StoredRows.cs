using System.Text.Json.Nodes;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <content>Reading stored item rows, so damaged ones throw <see cref="CorruptItemException"/> naming the item.</content>
public sealed partial class RedisStore
{
    // A row as the scan and raw read scripts return it: {key, document, meta, embeddings or nil, ...}.
    private static ItemRow ReadRow(StoreNamespace ns, RedisResult entry) =>
        ReadRow(ns, OrdinalEncoding.Decode((byte[])entry[0]!), (byte[])entry[1]!, (string)entry[2]!, EmbeddingsOf(entry));

    private static ItemRow ReadRow(StoreNamespace ns, string key, byte[] json, string meta, byte[]? embeddings)
    {
        var value = ReadStoredDocument(ns, key, json);
        return ReadStoredItem(ns, key, () => ItemRow.Read(ns, key, value, meta, embeddings));
    }

    // A search candidate: a damaged document is kept with its damage (thrown if the item lands in the page); damaged
    // meta or embeddings, which the order depends on, throw at once.
    private static (ItemRow Row, CorruptItemException? Damage) ReadCandidateRow(StoreNamespace ns, RedisResult entry)
    {
        var key = OrdinalEncoding.Decode((byte[])entry[0]!);
        var json = (byte[])entry[1]!;
        var value = ReadCandidateDocument(ns, key, () => JsonNode.Parse(json), out var damage);
        return (ReadStoredItem(ns, key, () => ItemRow.Read(ns, key, value, (string)entry[2]!, EmbeddingsOf(entry))), damage);
    }

    private static byte[]? EmbeddingsOf(RedisResult entry) => entry[3].IsNull ? null : (byte[])entry[3]!;
}
