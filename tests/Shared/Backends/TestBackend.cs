namespace Checkpoint.Tests.Support;

/// <summary>
/// A checkpointer and a store over one <see cref="TestStorage"/> that outlives them: <see cref="ReopenAsync"/> builds
/// new saver and store objects over the same data, as a restarted process would.
/// </summary>
/// <param name="storage">The data; disposed with the backend.</param>
public class TestBackend(TestStorage storage) : IAsyncDisposable
{
    /// <summary>The backends every test runs against.</summary>
    /// <remarks>
    /// SQLite runs from a temporary file. PostgreSQL and Redis run on the servers named by
    /// <c>CHECKPOINT_TEST_POSTGRES</c> and <c>CHECKPOINT_TEST_REDIS</c>, each test in its own schema or key prefix;
    /// without a server they skip (fail when <c>CHECKPOINT_TESTS_REQUIRE</c> lists them). MongoDB joins when
    /// <c>CHECKPOINT_TEST_MONGO</c> names a server (none can run here; its kit reports the skip).
    /// </remarks>
    public static TheoryData<string> Names => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CHECKPOINT_TEST_MONGO"))
        ? ["memory", "sqlite", "postgres", "redis"]
        : ["memory", "sqlite", "postgres", "redis", "mongo"];

    public string Name => storage.Name;

    public BaseCheckpointSaver Saver { get; private set; } = null!;

    public BaseStore Store { get; private set; } = null!;

    /// <summary>Opens a backend with default store settings.</summary>
    /// <param name="name">The backend, one of <see cref="Names"/>.</param>
    /// <returns>The backend, set up.</returns>
    public static async Task<TestBackend> CreateAsync(string name)
    {
        var backend = new TestBackend(TestStorage.Create(name));
        await backend.ReopenAsync();
        return backend;
    }

    /// <summary>Disposes the current saver and store and opens new ones over the same storage.</summary>
    /// <returns>A task that completes when both are set up.</returns>
    public async Task ReopenAsync()
    {
        await DisposeCurrentAsync();
        (Saver, Store) = storage.Open(ConfigureStore);
        await Saver.SetupAsync(Xunit.TestContext.Current.CancellationToken);
        await Store.SetupAsync(Xunit.TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Opens a second saver over the same storage while the current one stays open: what another process finds when the
    /// first one stops responding. The caller disposes it.
    /// </summary>
    /// <returns>The saver, set up.</returns>
    public async Task<BaseCheckpointSaver> OpenAnotherSaverAsync()
    {
        var (saver, store) = storage.Open(ConfigureStore);
        await store.DisposeAsync();
        await saver.SetupAsync(Xunit.TestContext.Current.CancellationToken);
        return saver;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeCurrentAsync();
        await storage.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Gives every store this backend opens the test project's settings; none by default.</summary>
    /// <param name="options">The store's options.</param>
    protected virtual void ConfigureStore(StoreOptions options)
    {
    }

    private async Task DisposeCurrentAsync()
    {
        if (Saver is not null)
        {
            await Saver.DisposeAsync();
            await Store.DisposeAsync();
        }
    }
}
