using Checkpoint.Mongo;
using MongoDB.Driver;

namespace Checkpoint.Tests.Support;

/// <summary>MongoSaver and MongoStore in a database of their own on the server named by <c>CHECKPOINT_TEST_MONGO</c>, dropped afterwards.</summary>
public sealed class MongoTestStorage(string url) : TestStorage
{
    private readonly MongoClient _client = new(url);
    private readonly string _database = $"backend_{Guid.NewGuid():N}";

    public override string Name => "mongo";

    public override (BaseCheckpointSaver Saver, BaseStore Store) Open(Action<StoreOptions> configureStore)
    {
        var database = _client.GetDatabase(_database);
        return (new MongoSaver(database), new MongoStore(database, Configure(new MongoStoreOptions(), configureStore)));
    }

    public override async ValueTask DisposeAsync()
    {
        await _client.DropDatabaseAsync(_database);
        _client.Dispose();
        await base.DisposeAsync();
    }
}
