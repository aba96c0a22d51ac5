using Checkpoint.Mongo;
using Checkpoint.Postgres;
using Checkpoint.Redis;
using Checkpoint.Sqlite;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Driver;
using StackExchange.Redis;

namespace Checkpoint.Interop.Tests.StoreDifferential;

/// <summary>
/// One of our stores for a differential run, on fresh storage removed afterwards: a new in-memory store, a temporary
/// SQLite file, a new PostgreSQL schema, a new Redis key prefix or a new MongoDB database. A server-backed store whose
/// variable is not set is skipped, or fails when <c>CHECKPOINT_TESTS_REQUIRE</c> names it.
/// </summary>
public sealed class DifferentialBackend : IAsyncDisposable
{
    private readonly Func<Task> _cleanup;

    private DifferentialBackend(BaseStore store, FakeTimeProvider clock, Func<Task> cleanup)
    {
        Store = store;
        Clock = clock;
        _cleanup = cleanup;
    }

    /// <summary>Gets the store.</summary>
    public BaseStore Store { get; }

    /// <summary>Gets the store's clock.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>Opens and sets up the store named <paramref name="name"/>.</summary>
    public static async Task<DifferentialBackend> OpenAsync(string name)
    {
        // Whole milliseconds (as both sides record them), far from now so no real-time sweeper touches the items.
        var clock = new FakeTimeProvider(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        DifferentialBackend backend;
        switch (name)
        {
            case "in-memory":
                backend = new(new InMemoryStore(new StoreOptions { TimeProvider = clock }), clock, () => Task.CompletedTask);
                break;
            case "sqlite":
                var directory = Directory.CreateTempSubdirectory("checkpoint-differential-");
                var sqlite = new SqliteStore($"Data Source={Path.Combine(directory.FullName, "store.db")}", new SqliteStoreOptions { TimeProvider = clock });
                backend = new(sqlite, clock, async () =>
                {
                    await sqlite.DisposeAsync();
                    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                    directory.Delete(recursive: true);
                });
                break;
            case "postgres":
                var dataSource = Npgsql.NpgsqlDataSource.Create(ExternalDatabase.Require("postgres", "CHECKPOINT_TEST_POSTGRES"));
                var schema = "differential_" + Guid.NewGuid().ToString("N");
                var postgres = new PostgresStore(dataSource, new PostgresStoreOptions { TimeProvider = clock, SchemaName = schema });
                backend = new(postgres, clock, async () =>
                {
                    await postgres.DisposeAsync();
                    await using (var drop = dataSource.CreateCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"))
                    {
                        await drop.ExecuteNonQueryAsync();
                    }

                    await dataSource.DisposeAsync();
                });
                break;
            case "redis":
                var redis = await ConnectionMultiplexer.ConnectAsync(ExternalDatabase.Require("redis", "CHECKPOINT_TEST_REDIS"));
                var prefix = $"differential:{Guid.NewGuid():N}:";
                var redisStore = new RedisStore(redis, new RedisStoreOptions { TimeProvider = clock, KeyPrefix = prefix });
                backend = new(redisStore, clock, async () =>
                {
                    await redisStore.DisposeAsync();
                    foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
                    {
                        await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
                        {
                            await redis.GetDatabase().KeyDeleteAsync(key);
                        }
                    }

                    await redis.DisposeAsync();
                });
                break;
            case "mongo":
                var client = new MongoClient(ExternalDatabase.Require("mongo", "CHECKPOINT_TEST_MONGO"));
                var database = "differential_" + Guid.NewGuid().ToString("N");
                var mongo = new MongoStore(client.GetDatabase(database), new MongoStoreOptions { TimeProvider = clock });
                backend = new(mongo, clock, async () =>
                {
                    await mongo.DisposeAsync();
                    await client.DropDatabaseAsync(database);
                    client.Dispose();
                });
                break;
            default:
                throw new ArgumentException($"Unknown backend '{name}'.", nameof(name));
        }

        await backend.Store.SetupAsync(TestContext.Current.CancellationToken);
        return backend;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _cleanup();
}
