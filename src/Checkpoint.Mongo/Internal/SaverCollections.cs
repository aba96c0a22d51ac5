using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>The saver's collections, named from <see cref="MongoSaverOptions.CollectionPrefix"/>.</summary>
internal sealed class SaverCollections
{
    public SaverCollections(IMongoDatabase database, string prefix)
    {
        Checkpoints = database.GetCollection<BsonDocument>(prefix + "checkpoints");
        Blobs = database.GetCollection<BsonDocument>(prefix + "checkpoint_blobs");
        Writes = database.GetCollection<BsonDocument>(prefix + "checkpoint_writes");
        Chunks = database.GetCollection<BsonDocument>(prefix + "checkpoint_chunks");
        Migrations = database.GetCollection<BsonDocument>(prefix + "checkpoint_migrations");
    }

    public IMongoCollection<BsonDocument> Checkpoints { get; }

    public IMongoCollection<BsonDocument> Blobs { get; }

    public IMongoCollection<BsonDocument> Writes { get; }

    public IMongoCollection<BsonDocument> Chunks { get; }

    public IMongoCollection<BsonDocument> Migrations { get; }
}
