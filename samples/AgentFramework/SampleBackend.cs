using Checkpoint;
using Checkpoint.Mongo;
using Checkpoint.Postgres;
using Checkpoint.Redis;
using Checkpoint.Sqlite;

namespace AgentFrameworkSample;

/// <summary>A checkpointer and a store (with semantic search) opened over one database; disposing closes both.</summary>
/// <param name="Saver">The checkpointer: workflow checkpoints and chat history.</param>
/// <param name="Store">The store: memories and agent sessions.</param>
/// <param name="Description">Where the data lives, for the user.</param>
public sealed record SampleBackend(BaseCheckpointSaver Saver, BaseStore Store, string Description) : IAsyncDisposable
{
    /// <summary>The SQLite file used by default, in the current directory.</summary>
    public const string DefaultSqliteFile = "agentframework.db";

    /// <summary>The backends <c>--backend</c> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["memory", "sqlite", "postgres", "redis", "mongo"];

    /// <summary>
    /// Returns a function that opens the named backend (and runs its setup) each time it is called, as a restarted process
    /// would: new saver and store objects over the same data.
    /// </summary>
    /// <param name="backend">The backend name.</param>
    /// <param name="connection">The connection string, or <see langword="null"/> for the default.</param>
    /// <param name="workingDirectory">Where the default SQLite file goes.</param>
    /// <returns>The opener.</returns>
    /// <exception cref="ArgumentException">The backend is unknown, or its connection string is missing or does not apply.</exception>
    public static Func<CancellationToken, Task<SampleBackend>> Opener(string backend, string? connection, string workingDirectory)
    {
        var index = new StoreIndexOptions { EmbeddingGenerator = new OfflineEmbeddingGenerator(), Dimensions = OfflineEmbeddingGenerator.Dimensions };
        Func<SampleBackend> open = backend switch
        {
            "memory" when connection is null => OpenInMemory(index),
            "memory" => throw new ArgumentException("--connection does not apply to the memory backend."),
            "sqlite" => () =>
            {
                var connectionString = connection ?? $"Data Source={Path.Combine(workingDirectory, DefaultSqliteFile)}";
                var saver = new SqliteSaver(connectionString);
                return new(saver, new SqliteStore(connectionString, new SqliteStoreOptions { Index = index }), $"SQLite file {saver.DataSource}");
            },
            "postgres" => () =>
            {
                var connectionString = Require(connection, backend, "Host=localhost;Username=postgres;Database=agentframework");
                return new(PostgresSaver.FromConnectionString(connectionString), PostgresStore.FromConnectionString(connectionString, new PostgresStoreOptions { Index = index }), "PostgreSQL");
            },
            "redis" => () =>
            {
                var configuration = Require(connection, backend, "localhost:6379");
                return new(RedisSaver.FromConnectionString(configuration, new RedisSaverOptions { KeyPrefix = "agentframework-sample:checkpoint:" }),
                    RedisStore.FromConnectionString(configuration, new RedisStoreOptions { KeyPrefix = "agentframework-sample:store:", Index = index }),
                    "Redis (keys under agentframework-sample:)");
            },
            "mongo" => () =>
            {
                var url = Require(connection, backend, "mongodb://localhost:27017/agentframework");
                return new(MongoSaver.FromConnectionString(url), MongoStore.FromConnectionString(url, options: new MongoStoreOptions { Index = index }), "MongoDB");
            },
            _ => throw new ArgumentException($"Unknown backend '{backend}'; use one of {string.Join(", ", Names)}."),
        };

        return async cancellationToken =>
        {
            var opened = open();
            try
            {
                await opened.Saver.SetupAsync(cancellationToken);
                await opened.Store.SetupAsync(cancellationToken);
                return opened;
            }
            catch
            {
                await opened.DisposeAsync();
                throw;
            }
        };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Saver.DisposeAsync();
        await Store.DisposeAsync();
    }

    private static Func<SampleBackend> OpenInMemory(StoreIndexOptions index)
    {
        // One database for the whole process, so a "restart" finds what the previous opening wrote.
        var checkpoints = new InMemoryCheckpointDatabase();
        var items = new InMemoryStoreDatabase();
        return () => new(new InMemorySaver(checkpoints), new InMemoryStore(items, new StoreOptions { Index = index }), "in memory: nothing survives the process");
    }

    private static string Require(string? connection, string backend, string example) =>
        connection ?? throw new ArgumentException($"--backend {backend} needs --connection, e.g. --connection \"{example}\".");
}
