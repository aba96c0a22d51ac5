using Checkpoint.Mongo;
using MongoDB.Driver;

namespace Checkpoint.Graph.Tests.Support;

/// <summary>MongoSaver and MongoStore in a database of their own on the server named by <c>CHECKPOINT_TEST_MONGO</c>, dropped afterwards.</summary>
public sealed class MongoBackend(string connectionString) : GraphBackend
{
    private readonly string _database = $"graph_{Guid.NewGuid():N}";

    public override string Name => "mongo";

    protected override (BaseCheckpointSaver Saver, BaseStore Store) Open() =>
        (MongoSaver.FromConnectionString(connectionString, _database), MongoStore.FromConnectionString(connectionString, _database));

    protected override async ValueTask DisposeStorageAsync() => await new MongoClient(connectionString).DropDatabaseAsync(_database);
}
