using Checkpoint.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Benchmarks;

/// <summary>
/// The MongoDB backend in a fresh database (dropped afterwards), and its driver floor: a one-document upsert and a
/// find by <c>_id</c> through the same client.
/// </summary>
internal sealed class MongoBenchBackend : IBenchBackend
{
    private readonly MongoClient _client;
    private readonly IMongoDatabase _database;
    private readonly ChunkCacheOptions _chunkCache;

    public MongoBenchBackend(string connectionString, ChunkCacheOptions chunkCache)
    {
        _chunkCache = chunkCache;
        _client = new MongoClient(connectionString);
        _database = _client.GetDatabase("bench_" + Guid.NewGuid().ToString("N")[..12]);
    }

    public string Name => "mongo";

    public async Task<BaseCheckpointSaver> CreateSaverAsync()
    {
        var saver = new MongoSaver(_database, new MongoSaverOptions { ChunkCache = _chunkCache });
        await saver.SetupAsync().ConfigureAwait(false);
        return saver;
    }

    public async Task<BaseStore> CreateStoreAsync(StoreIndexOptions index)
    {
        var store = new MongoStore(_database, new MongoStoreOptions { Index = index });
        await store.SetupAsync().ConfigureAwait(false);
        return store;
    }

    /// <summary>The run database's storage and index size as <c>dbStats</c> reports it.</summary>
    public async Task<long?> MeasureDatabaseBytesAsync()
    {
        var stats = await _database.RunCommandAsync<BsonDocument>(new BsonDocument("dbStats", 1)).ConfigureAwait(false);
        return stats["storageSize"].ToInt64() + stats["indexSize"].ToInt64();
    }

    /// <summary>The BSON size of every document of the thread, in every collection of the run's database.</summary>
    public async Task<long?> MeasureThreadBytesAsync(string threadId)
    {
        long total = 0;
        foreach (var name in await (await _database.ListCollectionNamesAsync().ConfigureAwait(false)).ToListAsync().ConfigureAwait(false))
        {
            var sizes = await _database.GetCollection<BsonDocument>(name)
                .Aggregate()
                .Match(new BsonDocument("thread_id", threadId))
                .Group(new BsonDocument { { "_id", BsonNull.Value }, { "bytes", new BsonDocument("$sum", new BsonDocument("$bsonSize", "$$ROOT")) } })
                .ToListAsync().ConfigureAwait(false);
            total += sizes.Count == 0 ? 0 : sizes[0]["bytes"].ToInt64();
        }

        return total;
    }

    public Task<IDriverFloor?> CreateFloorAsync() => Task.FromResult<IDriverFloor?>(new Floor(_database.GetCollection<BsonDocument>("bench_floor")));

    public async ValueTask DisposeAsync()
    {
        await _client.DropDatabaseAsync(_database.DatabaseNamespace.DatabaseName).ConfigureAwait(false);
        _client.Dispose();
    }

    private sealed class Floor(IMongoCollection<BsonDocument> collection) : IDriverFloor
    {
        public Task InsertAsync(string key, byte[] payload) =>
            collection.ReplaceOneAsync(new BsonDocument("_id", key), new BsonDocument { { "_id", key }, { "payload", new BsonBinaryData(payload) } }, new ReplaceOptions { IsUpsert = true });

        public async Task<byte[]> SelectAsync(string key)
        {
            var document = await collection.Find(new BsonDocument("_id", key)).FirstOrDefaultAsync().ConfigureAwait(false);
            return document?["payload"].AsByteArray ?? [];
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
