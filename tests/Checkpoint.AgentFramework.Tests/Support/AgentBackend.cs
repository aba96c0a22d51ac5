using Checkpoint.ConformanceSuite;
using Microsoft.Extensions.Time.Testing;

namespace Checkpoint.AgentFramework.Tests.Support;

/// <summary>
/// A checkpointer and a store (with semantic search over a deterministic offline embedder and a fake clock) over one
/// storage that outlives them: <see cref="ReopenAsync"/> builds new saver and store objects over the same data, as a
/// restarted process would.
/// </summary>
public abstract class AgentBackend : IAsyncDisposable
{
    /// <summary>The backends every test runs against.</summary>
    /// <remarks>
    /// SQLite runs from a temporary file. PostgreSQL, Redis and MongoDB run on the servers named by
    /// <c>CHECKPOINT_TEST_POSTGRES</c>, <c>CHECKPOINT_TEST_REDIS</c> and <c>CHECKPOINT_TEST_MONGO</c>, each test in its own
    /// schema, key prefix or database; without a server they skip (fail when <c>CHECKPOINT_TESTS_REQUIRE</c> lists them).
    /// </remarks>
    public static TheoryData<string> Names => ["memory", "sqlite", "postgres", "redis", "mongo"];

    public abstract string Name { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public FakeEmbeddingGenerator Embeddings { get; } = new();

    public BaseCheckpointSaver Saver { get; private set; } = null!;

    public BaseStore Store { get; private set; } = null!;

    public static async Task<AgentBackend> CreateAsync(string name)
    {
        AgentBackend backend = name switch
        {
            "memory" => new MemoryBackend(),
            "sqlite" => new SqliteBackend(),
            "postgres" => new PostgresBackend(ExternalDatabase.Require("postgres", "CHECKPOINT_TEST_POSTGRES")),
            "redis" => new RedisBackend(ExternalDatabase.Require("redis", "CHECKPOINT_TEST_REDIS")),
            "mongo" => new MongoBackend(ExternalDatabase.Require("mongo", "CHECKPOINT_TEST_MONGO")),
            _ => throw new ArgumentException($"Unknown backend '{name}'.", nameof(name)),
        };
        await backend.ReopenAsync();
        return backend;
    }

    /// <summary>Disposes the current saver and store and opens new ones over the same storage.</summary>
    public async Task ReopenAsync()
    {
        await DisposeCurrentAsync();
        (Saver, Store) = Open();
        await Saver.SetupAsync(TestContext.Current.CancellationToken);
        await Store.SetupAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeCurrentAsync();
        await DisposeStorageAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Copies the store settings every backend shares (clock, semantic search) onto a backend's options.</summary>
    protected T Configure<T>(T options)
        where T : StoreOptions
    {
        options.TimeProvider = Clock;
        options.Index = new StoreIndexOptions { EmbeddingGenerator = Embeddings, Dimensions = Embeddings.Dimensions };
        return options;
    }

    protected abstract (BaseCheckpointSaver Saver, BaseStore Store) Open();

    protected virtual ValueTask DisposeStorageAsync() => ValueTask.CompletedTask;

    private async Task DisposeCurrentAsync()
    {
        if (Saver is not null)
        {
            await Saver.DisposeAsync();
            await Store.DisposeAsync();
        }
    }
}
