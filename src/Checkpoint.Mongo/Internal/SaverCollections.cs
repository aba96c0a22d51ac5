using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>The saver's collections, named from <see cref="MongoSaverOptions.CollectionPrefix"/>.</summary>
internal sealed class SaverCollections
{
    public SaverCollections(IMongoDatabase database, string prefix, WriteConcern writeConcern)
    {
        IMongoCollection<BsonDocument> Get(string name) => MongoConcerns.Apply(database.GetCollection<BsonDocument>(prefix + name), writeConcern);
        Checkpoints = Get("checkpoints");
        Blobs = Get("checkpoint_blobs");
        Writes = Get("checkpoint_writes");
        Chunks = Get("checkpoint_chunks");
        Migrations = Get("checkpoint_migrations");
    }

    public IMongoCollection<BsonDocument> Checkpoints { get; }

    public IMongoCollection<BsonDocument> Blobs { get; }

    public IMongoCollection<BsonDocument> Writes { get; }

    public IMongoCollection<BsonDocument> Chunks { get; }

    public IMongoCollection<BsonDocument> Migrations { get; }
}
