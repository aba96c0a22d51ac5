using Checkpoint.Mongo;
using MongoDB.Driver;

namespace Checkpoint.AgentFramework.Tests.Support;

/// <summary>MongoSaver and MongoStore in a database of their own on the server named by CHECKPOINT_TEST_MONGO, dropped afterwards.</summary>
public sealed class MongoBackend(string url) : AgentBackend
{
    private readonly MongoClient _client = new(url);
    private readonly string _database = $"agentfw_{Guid.NewGuid():N}";

    public override string Name => "mongo";

    protected override (BaseCheckpointSaver Saver, BaseStore Store) Open()
    {
        var database = _client.GetDatabase(_database);
        return (new MongoSaver(database), new MongoStore(database, Configure(new MongoStoreOptions())));
    }

    protected override async ValueTask DisposeStorageAsync()
    {
        await _client.DropDatabaseAsync(_database);
        _client.Dispose();
    }
}
