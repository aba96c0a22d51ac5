using Checkpoint.Mongo.Internal;
using Checkpoint.Providers;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo;

/// <content>Raw item reads and writes (<see cref="RawItemExtensions"/>): items in (namespace path, key) order, one bulk write per call.</content>
public sealed partial class MongoStore
{
    private static readonly SortDefinition<BsonDocument> PathThenKey = new BsonDocument { { Fields.NamespacePath, 1 }, { Fields.Key, 1 } };

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<RawItem>> ListRawItemsCore(bool async, RawItem? after, int limit, CancellationToken cancellationToken)
    {
        var filter = StoreQueries.Alive(GetNow().UtcDateTime);
        if (after is not null)
        {
            var path = after.Namespace.Path;
            filter.Add("$or", new BsonArray
            {
                new BsonDocument(Fields.NamespacePath, new BsonDocument("$gt", path)),
                new BsonDocument { { Fields.NamespacePath, path }, { Fields.Key, new BsonDocument("$gt", after.Key) } },
            });
        }

        var documents = await MongoIo.FindAsync(async, _collections.Items, null, filter, cancellationToken, sort: PathThenKey, limit: limit).ConfigureAwait(false);
        return [.. documents.Select(document => ReadStoredItem(StoreNamespace.FromPath(document[Fields.NamespacePath].AsString), document[Fields.Key].AsString, () =>
        {
            var item = ReadItem(document);
            var embeddings = document.TryGetValue(Fields.Embeddings, out var fields) && fields.IsBsonArray
                ? fields.AsBsonArray.Select(e => new FieldEmbedding(e[Fields.Field].AsString, VectorMath.FromBytes(e[Fields.Vector].AsByteArray))).ToList()
                : [];
            var expires = document.TryGetValue(Fields.ExpiresAt, out var e) && e.IsValidDateTime ? new DateTimeOffset(e.ToUniversalTime(), TimeSpan.Zero) : (DateTimeOffset?)null;
            return new RawItem(item.Namespace, item.Key, item.Value, item.CreatedAt, item.UpdatedAt, expires, StoreDocuments.ReadTtl(document), embeddings);
        }))];
    }

    /// <inheritdoc />
    protected override async Task PutRawItemsCore(bool async, IReadOnlyList<RawItem> items, CancellationToken cancellationToken)
    {
        var writes = new List<WriteModel<BsonDocument>>(items.Count);
        foreach (var item in items)
        {
            var expires = item.ExpiresAt?.UtcDateTime;
            var document = StoreQueries.ItemKey(item.Namespace, item.Key);
            document.AddRange(new BsonDocument
            {
                { Fields.Namespace, new BsonArray(item.Namespace) },
                { Fields.Value, JsonBson.ToDocument(item.Value, "store value") },
                { Fields.CreatedAt, item.CreatedAt.UtcDateTime },
                { Fields.UpdatedAt, item.UpdatedAt.UtcDateTime },
                { Fields.TtlMilliseconds, item.Ttl is { } ttl ? (long)ttl.TotalMilliseconds : BsonNull.Value },
                { Fields.ExpiresAt, expires is { } at ? at : BsonNull.Value },
                { Fields.PurgeAt, PurgeAt(expires) is { } purge ? purge : BsonNull.Value },
                { Fields.Embeddings, new BsonArray(item.Embeddings.Select(f => new BsonDocument { { Fields.Field, f.Field }, { Fields.Vector, new BsonBinaryData(VectorMath.ToBytes(f.Vector)) } })) },
            });
            writes.Add(new ReplaceOneModel<BsonDocument>(StoreQueries.ItemKey(item.Namespace, item.Key), document) { IsUpsert = true });
        }

        await MongoIo.BulkWriteAsync(async, _collections.Items, null, writes, cancellationToken).ConfigureAwait(false);
    }
}
