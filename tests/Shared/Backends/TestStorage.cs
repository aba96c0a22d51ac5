namespace Checkpoint.Tests.Support;

/// <summary>
/// One database a test runs against, kept apart from every other test (a temporary file, a schema, a key prefix or a
/// database of its own) and removed at the end. It opens any number of saver and store objects over the same data.
/// </summary>
public abstract class TestStorage : IAsyncDisposable
{
    /// <summary>Gets the backend's name, as in <see cref="TestBackend.Names"/>.</summary>
    public abstract string Name { get; }

    /// <summary>Names the storage of a backend, skipping (or failing, when required) a server that is not configured.</summary>
    /// <param name="name">The backend: memory, sqlite, postgres, redis or mongo.</param>
    /// <returns>The storage; nothing is created before the first <see cref="Open"/>.</returns>
    public static TestStorage Create(string name) => name switch
    {
        "memory" => new MemoryTestStorage(),
        "sqlite" => new SqliteTestStorage(),
        "postgres" => new PostgresTestStorage(ExternalDatabase.Require("postgres", "CHECKPOINT_TEST_POSTGRES")),
        "redis" => new RedisTestStorage(ExternalDatabase.Require("redis", "CHECKPOINT_TEST_REDIS")),
        "mongo" => new MongoTestStorage(ExternalDatabase.Require("mongo", "CHECKPOINT_TEST_MONGO")),
        _ => throw new ArgumentException($"Unknown backend '{name}'.", nameof(name)),
    };

    /// <summary>Opens a new saver and store over the data.</summary>
    /// <param name="configureStore">Settings the test project gives every store (a clock, semantic search).</param>
    /// <returns>The saver and the store; the caller disposes them.</returns>
    public abstract (BaseCheckpointSaver Saver, BaseStore Store) Open(Action<StoreOptions> configureStore);

    /// <summary>Removes the data.</summary>
    /// <returns>A task that completes when it is gone.</returns>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Applies <paramref name="configure"/> to <paramref name="options"/>.</summary>
    protected static T Configure<T>(T options, Action<StoreOptions> configure)
        where T : StoreOptions
    {
        configure(options);
        return options;
    }
}
