namespace Checkpoint.Graph.Tests.Support;

/// <summary>
/// A checkpointer and a store over one storage that outlives them: <see cref="Reopen"/> builds new saver and store
/// objects over the same data, as a restarted process would.
/// </summary>
public abstract class GraphBackend : IAsyncDisposable
{
    /// <summary>The backends every scenario runs against.</summary>
    /// <remarks>
    /// SQLite runs from a temporary file. PostgreSQL and Redis run on the servers named by
    /// <c>CHECKPOINT_TEST_POSTGRES</c> and <c>CHECKPOINT_TEST_REDIS</c>, each backend in its own schema or key prefix;
    /// without a server they skip (fail when <c>CHECKPOINT_TESTS_REQUIRE</c> lists them). MongoDB joins when
    /// <c>CHECKPOINT_TEST_MONGO</c> names a server (none can run here; its kit reports the skip).
    /// </remarks>
    public static TheoryData<string> Names => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CHECKPOINT_TEST_MONGO"))
        ? ["memory", "sqlite", "postgres", "redis"]
        : ["memory", "sqlite", "postgres", "redis", "mongo"];

    public abstract string Name { get; }

    public BaseCheckpointSaver Saver { get; private set; } = null!;

    public BaseStore Store { get; private set; } = null!;

    public static async Task<GraphBackend> CreateAsync(string name)
    {
        GraphBackend backend = name switch
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

    /// <summary>
    /// Opens a second saver over the same storage while the current one stays open: what another process finds when the
    /// first one stops responding. The caller disposes it.
    /// </summary>
    public async Task<BaseCheckpointSaver> OpenAnotherSaverAsync()
    {
        var (saver, store) = Open();
        await store.DisposeAsync();
        await saver.SetupAsync(TestContext.Current.CancellationToken);
        return saver;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeCurrentAsync();
        await DisposeStorageAsync();
        GC.SuppressFinalize(this);
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
