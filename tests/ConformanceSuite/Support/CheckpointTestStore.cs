using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Everything the kit needs from one backend: start-up, factories for savers and stores over a shared database, fresh
/// isolated databases, and capabilities. Implement one per backend, usually as a static singleton; it is started once
/// (reference counted) however many test classes use it.
/// </summary>
/// <remarks>
/// Tests isolate themselves with fresh GUID thread ids and namespaces, so the shared database never needs wiping and
/// may hold data from earlier runs. When the backend's database cannot be had, <see cref="StartAsync"/> throws
/// <see cref="BackendUnavailableException"/>: its tests are then skipped with that reason, or fail when the
/// environment variable <c>CHECKPOINT_TESTS_REQUIRE</c> names <see cref="BackendName"/> (or <c>all</c>).
/// </remarks>
public abstract class CheckpointTestStore
{
    /// <summary>The environment variable listing the backends that must be available (comma-separated, or <c>all</c>).</summary>
    public const string RequireVariable = "CHECKPOINT_TESTS_REQUIRE";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _references;
    private string? _skipReason;
    private Exception? _failure;

    /// <summary>Gets the backend's short name as used in <c>CHECKPOINT_TESTS_REQUIRE</c>, for example <c>postgres</c>.</summary>
    public abstract string BackendName { get; }

    /// <summary>
    /// Gets the <c>db.system.name</c> the backend's spans and metrics report (OpenTelemetry's well-known value for the
    /// database); <see cref="BackendName"/> unless overridden.
    /// </summary>
    public virtual string DatabaseSystemName => BackendName;

    /// <summary>Gets what the backend can do; unsupported features become visible skips.</summary>
    public virtual BackendCapabilities Capabilities { get; } = new();

    /// <summary>Gets whether <c>CHECKPOINT_TESTS_REQUIRE</c> demands this backend, making unavailability a failure.</summary>
    public bool IsRequired
    {
        get
        {
            var required = Environment.GetEnvironmentVariable(RequireVariable);
            return !string.IsNullOrWhiteSpace(required)
                && required.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Any(name => name.Equals("all", StringComparison.OrdinalIgnoreCase) || name.Equals(BackendName, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Starts the backend for the first user; later calls only count references.</summary>
    /// <returns>A task that completes when the backend is started or known to be unavailable.</returns>
    public async Task ReferenceCountingStartAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_references++ > 0)
            {
                return;
            }

            try
            {
                await StartAsync().ConfigureAwait(false);
            }
            catch (BackendUnavailableException e)
            {
                _skipReason = $"{BackendName} unavailable: {e.Message}";
                _failure = IsRequired ? e : null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the backend when the last user is done.</summary>
    /// <returns>A task that completes when the backend is stopped.</returns>
    public async Task ReferenceCountingStopAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (--_references == 0 && _skipReason is null)
            {
                await StopAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Skips the calling test when the backend is unavailable, or fails it when the backend is required.
    /// </summary>
    public void EnsureAvailable()
    {
        if (_failure is not null)
        {
            throw new InvalidOperationException($"{BackendName} is required by {RequireVariable} but is unavailable: {_failure.Message}", _failure);
        }

        Assert.SkipWhen(_skipReason is not null, _skipReason ?? string.Empty);
    }

    /// <summary>
    /// Gets raw access to the shared database, for the kit's integrity tests (damaged data, moved ciphertexts);
    /// <see langword="null"/> skips them.
    /// </summary>
    public virtual StoredDataEditor? Editor => null;

    /// <summary>
    /// Gets how the backend's <c>AddKeyedXxxCheckpointSaver(key, IConfiguration)</c> and <c>AddKeyedXxxStore</c> are
    /// called, with the configuration keys that reach the shared database; <see langword="null"/> skips
    /// <see cref="ConfigurationTests"/> with the reason.
    /// </summary>
    public virtual ConfigurationRegistration? Registration => null;

    /// <summary>Creates a saver over the shared database, which <see cref="StartAsync"/> has already set up.</summary>
    /// <param name="serializer">The serializer to use; the backend default when <see langword="null"/>.</param>
    /// <returns>A new saver; the test disposes it (it must not dispose shared connections).</returns>
    public abstract BaseCheckpointSaver CreateSaver(ICheckpointSerializer? serializer = null);

    /// <summary>Creates a store over the shared database, which <see cref="StartAsync"/> has already set up.</summary>
    /// <param name="options">The options to honour (clock, index, TTL).</param>
    /// <returns>A new store; the test disposes it (it must not dispose shared connections).</returns>
    public abstract BaseStore CreateStore(StoreOptions options);

    /// <summary>Creates a fresh, empty, isolated database (not set up).</summary>
    /// <returns>The database; the test disposes it.</returns>
    public abstract Task<TestDatabase> CreateDatabaseAsync();

    /// <summary>Connects to (or starts) the database and sets up the shared schema.</summary>
    /// <returns>A task that completes when the backend is ready.</returns>
    /// <exception cref="BackendUnavailableException">The database cannot be had; the message is the skip reason.</exception>
    protected abstract Task StartAsync();

    /// <summary>Releases what <see cref="StartAsync"/> acquired.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    protected virtual Task StopAsync() => Task.CompletedTask;
}
