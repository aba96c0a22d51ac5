using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// The base of every kit test class: access to the backend, savers and stores driven in sync or async mode, fresh
/// identifiers, and disposal of everything a test created.
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class ConformanceTest(CheckpointFixture fixture) : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _created = [];

    /// <summary>Gets the fixture.</summary>
    protected CheckpointFixture Fixture { get; } = fixture;

    /// <summary>Gets the backend under test.</summary>
    protected CheckpointTestStore TestStore => Fixture.TestStore;

    /// <summary>Gets the backend's capabilities.</summary>
    protected BackendCapabilities Capabilities => TestStore.Capabilities;

    /// <summary>Gets the test's cancellation token.</summary>
    protected static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    /// <summary>Returns a thread id no other test uses.</summary>
    /// <returns>The id.</returns>
    protected static string NewThreadId() => "thread-" + Guid.NewGuid().ToString("N");

    /// <summary>Returns a one-label namespace no other test uses; nest test namespaces under it.</summary>
    /// <returns>The namespace.</returns>
    protected static StoreNamespace NewNamespace() => ["test-" + Guid.NewGuid().ToString("N")];

    /// <summary>Creates a saver over the shared database, driven in <paramref name="mode"/>; disposed after the test.</summary>
    /// <param name="mode">Sync or async.</param>
    /// <param name="serializer">A serializer; the backend default when <see langword="null"/>.</param>
    /// <returns>The driver.</returns>
    protected SaverApi CreateSaver(ApiMode mode, ICheckpointSerializer? serializer = null)
    {
        TestStore.EnsureAvailable();
        return new SaverApi(Track(TestStore.CreateSaver(serializer)), mode);
    }

    /// <summary>Creates a store over the shared database, driven in <paramref name="mode"/>; disposed after the test.</summary>
    /// <param name="mode">Sync or async.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The driver.</returns>
    protected StoreApi CreateStore(ApiMode mode, StoreOptions? options = null)
    {
        TestStore.EnsureAvailable();
        return new StoreApi(Track(TestStore.CreateStore(options ?? new StoreOptions())), mode);
    }

    /// <summary>Creates a fresh isolated database; disposed after the test.</summary>
    /// <returns>The database.</returns>
    protected async Task<TestDatabase> CreateDatabaseAsync()
    {
        TestStore.EnsureAvailable();
        return Track(await TestStore.CreateDatabaseAsync().ConfigureAwait(false));
    }

    /// <summary>Disposes <paramref name="resource"/> when the test ends.</summary>
    /// <typeparam name="T">The resource type.</typeparam>
    /// <param name="resource">The resource.</param>
    /// <returns><paramref name="resource"/>.</returns>
    protected T Track<T>(T resource)
        where T : IAsyncDisposable
    {
        lock (_created)
        {
            _created.Add(resource);
        }

        return resource;
    }

    /// <summary>Skips the test, with <paramref name="reason"/>, unless the backend has a capability.</summary>
    /// <param name="capability">Whether the backend has it.</param>
    /// <param name="reason">Why the test needs it.</param>
    protected static void SkipUnless(bool capability, string reason) => Assert.SkipUnless(capability, reason);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> created;
        lock (_created)
        {
            created = [.. _created];
            _created.Clear();
        }

        // Savers and stores first, then the databases they live in.
        created.Reverse();
        foreach (var resource in created)
        {
            await resource.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }
}
