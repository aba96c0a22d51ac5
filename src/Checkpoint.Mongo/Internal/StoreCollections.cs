using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>The store's collections and indexes (schema version 1).</summary>
internal sealed class StoreCollections(IMongoDatabase database, string prefix, WriteConcern writeConcern)
{
    /// <summary>The schema version these indexes belong to.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The key of the store's record in the migrations collection.</summary>
    public const string Component = "store";

    public IMongoCollection<BsonDocument> Items { get; } = MongoConcerns.Apply(database.GetCollection<BsonDocument>(prefix + "store_items"), writeConcern);

    public IMongoCollection<BsonDocument> Migrations { get; } = MongoConcerns.Apply(database.GetCollection<BsonDocument>(prefix + "store_migrations"), writeConcern);

    /// <summary>Gets the unique key of items: namespace path, key.</summary>
    public static CreateIndexModel<BsonDocument> ItemKey { get; } = new(
        new BsonDocument { { Fields.NamespacePath, 1 }, { Fields.Key, 1 } },
        new CreateIndexOptions { Name = "ns_path_key", Unique = true });

    /// <summary>Gets the index that serves the sweep and the expiry check.</summary>
    public static CreateIndexModel<BsonDocument> Expiry { get; } = new(
        new BsonDocument(Fields.ExpiresAt, 1),
        new CreateIndexOptions { Name = "expires_at" });

    /// <summary>Gets the index that serves searches without a query, newest first.</summary>
    public static CreateIndexModel<BsonDocument> Recent { get; } = new(
        new BsonDocument { { Fields.UpdatedAt, -1 }, { Fields.NamespacePath, 1 }, { Fields.Key, 1 } },
        new CreateIndexOptions { Name = "updated_ns_key" });

    /// <summary>Gets MongoDB's TTL index on <c>purge_at</c>: it deletes an item once the server's clock passes that date.</summary>
    public static CreateIndexModel<BsonDocument> Purge { get; } = new(
        new BsonDocument(Fields.PurgeAt, 1),
        new CreateIndexOptions { Name = "purge_at_ttl", ExpireAfter = TimeSpan.Zero });
}
