using Checkpoint.Postgres;
using Checkpoint.Redis;
using Checkpoint.Sqlite;
using Npgsql;
using StackExchange.Redis;

namespace Checkpoint.Cli.Tests.Support;

/// <summary>
/// A database the tool writes to, kept apart from every other test: a fresh PostgreSQL schema, a fresh Redis key prefix
/// (standalone or cluster), or a fresh SQLite file. It gives the tool's arguments for it and opens savers and stores
/// over it for the assertions.
/// </summary>
public sealed class Target : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _isolation;

    private Target(string backend, string server, string isolation)
    {
        Backend = backend;
        _server = server;
        _isolation = isolation;
    }

    public string Backend { get; }

    /// <summary>Gets the arguments that name this database as the source (<c>--backend ... --connection ...</c>).</summary>
    public string[] Args => Backend switch
    {
        "postgres" => ["--backend", "postgres", "--connection", _server, "--schema", _isolation],
        "redis" or "redis-cluster" => ["--backend", "redis", "--connection", _server, "--prefix", _isolation],
        _ => ["--backend", "sqlite", "--connection", _isolation],
    };

    /// <summary>Gets the arguments that name this database as a copy's target.</summary>
    public string[] ToArgs => Backend switch
    {
        "postgres" => ["--to-backend", "postgres", "--to-connection", _server, "--to-schema", _isolation],
        "redis" or "redis-cluster" => ["--to-backend", "redis", "--to-connection", _server, "--to-prefix", _isolation],
        _ => ["--to-backend", "sqlite", "--to-connection", _isolation],
    };

    /// <summary>Creates a target; skips (or fails, under <c>CHECKPOINT_TESTS_REQUIRE</c>) when its server is not configured.</summary>
    /// <param name="backend">postgres, redis, redis-cluster or sqlite.</param>
    /// <param name="directory">Where a SQLite file goes.</param>
    /// <returns>The target.</returns>
    public static Target Create(string backend, string directory) => backend switch
    {
        "postgres" => new Target(backend, ExternalDatabase.Require("postgres", "CHECKPOINT_TEST_POSTGRES"), $"cli_{Guid.NewGuid():N}"),
        "redis" => new Target(backend, ExternalDatabase.Require("redis", "CHECKPOINT_TEST_REDIS"), $"cli-test:{Guid.NewGuid():N}:"),
        "redis-cluster" => new Target(backend, ExternalDatabase.Require("redis-cluster", "CHECKPOINT_TEST_REDIS_CLUSTER"), $"cli-test:{Guid.NewGuid():N}:"),
        _ => new Target("sqlite", string.Empty, Path.Combine(directory, $"target-{Guid.NewGuid():N}.db")),
    };

    /// <summary>Runs SQL against the target's tables, as someone with write access to the database would (SQL backends only).</summary>
    /// <param name="sql">The statements; they see the target's tables unqualified.</param>
    /// <returns>A task that completes when they ran.</returns>
    public async Task ExecuteSqlAsync(string sql)
    {
        if (Backend == "postgres")
        {
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SET search_path TO \"{_isolation}\"; {sql}", connection);
            await command.ExecuteNonQueryAsync();
            return;
        }

        await using var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_isolation};Pooling=False");
        await sqlite.OpenAsync();
        await using var run = sqlite.CreateCommand();
        run.CommandText = sql;
        await run.ExecuteNonQueryAsync();
    }

    /// <summary>Opens the saver, reading values with the application's serializer.</summary>
    public async Task<BaseCheckpointSaver> OpenSaverAsync(ICheckpointSerializer serializer) => Backend switch
    {
        "postgres" => PostgresSaver.FromConnectionString(_server, new PostgresSaverOptions { SchemaName = _isolation, Serializer = serializer }),
        "redis" or "redis-cluster" => await RedisSaver.FromConnectionStringAsync(_server, new RedisSaverOptions { KeyPrefix = _isolation + "checkpoint:", Serializer = serializer }),
        _ => new SqliteSaver($"Data Source={_isolation}", new SqliteSaverOptions { Serializer = serializer }),
    };

    /// <summary>Opens the store.</summary>
    public async Task<BaseStore> OpenStoreAsync(StoreOptions? options = null)
    {
        var ttl = new StoreTtlOptions { RefreshOnRead = false };
        return Backend switch
        {
            "postgres" => PostgresStore.FromConnectionString(_server, new PostgresStoreOptions { SchemaName = _isolation, Ttl = ttl, Index = options?.Index }),
            "redis" or "redis-cluster" => await RedisStore.FromConnectionStringAsync(_server, new RedisStoreOptions { KeyPrefix = _isolation + "store:", Ttl = ttl, Index = options?.Index }),
            _ => new SqliteStore($"Data Source={_isolation}", new SqliteStoreOptions { Ttl = ttl, Index = options?.Index }),
        };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        switch (Backend)
        {
            case "postgres":
                await using (var connection = new NpgsqlConnection(_server))
                {
                    await connection.OpenAsync();
                    await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{_isolation}\" CASCADE", connection);
                    await drop.ExecuteNonQueryAsync();
                }

                break;
            case "redis" or "redis-cluster":
                await using (var redis = await ConnectionMultiplexer.ConnectAsync(_server))
                {
                    foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
                    {
                        await foreach (var key in server.KeysAsync(pattern: _isolation + "*"))
                        {
                            await redis.GetDatabase().KeyDeleteAsync(key);
                        }
                    }
                }

                break;
        }
    }
}
