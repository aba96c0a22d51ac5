using Checkpoint.ConformanceSuite;
using Checkpoint.Mongo.Internal;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Tests.Conformance;

/// <summary>A fresh MongoDB database of its own, dropped when the test ends.</summary>
/// <param name="database">The (not yet existing) database.</param>
public sealed class MongoTestDatabase(IMongoDatabase database) : TestDatabase
{
    /// <inheritdoc />
    public override StoredDataEditor Editor => new MongoStoredDataEditor(database);

    /// <inheritdoc />
    public override BaseCheckpointSaver CreateSaver() => new MongoSaver(database);

    /// <inheritdoc />
    public override BaseStore CreateStore(StoreOptions options) => new MongoStore(database, MongoTestStore.ToMongoOptions(options));

    /// <inheritdoc />
    public override int CurrentSchemaVersion(SchemaComponent component) =>
        component == SchemaComponent.Checkpointer ? MongoSaver.CurrentSchemaVersion : MongoStore.CurrentSchemaVersion;

    /// <inheritdoc />
    public override Task<int> GetSchemaVersionAsync(SchemaComponent component)
    {
        var (collection, key) = Record(component);
        return SchemaRecord.ReadAsync(async: true, collection, key, TestContext.Current.CancellationToken);
    }

    /// <inheritdoc />
    public override Task SetSchemaVersionAsync(SchemaComponent component, int version)
    {
        var (collection, key) = Record(component);
        return collection.UpdateOneAsync(
            SchemaRecord.Key(key),
            new BsonDocument("$set", new BsonDocument("version", version)),
            new UpdateOptions { IsUpsert = true },
            TestContext.Current.CancellationToken);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await database.Client.DropDatabaseAsync(database.DatabaseNamespace.DatabaseName).ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private (IMongoCollection<BsonDocument> Collection, string Key) Record(SchemaComponent component) =>
        component == SchemaComponent.Checkpointer
            ? (database.GetCollection<BsonDocument>("checkpoint_migrations"), "checkpointer")
            : (database.GetCollection<BsonDocument>("store_migrations"), "store");
}
