using Checkpoint.ConformanceSuite;
using Microsoft.Extensions.DependencyInjection;

namespace Checkpoint.Sqlite.Tests.Conformance;

/// <summary>
/// Runs the kit against <see cref="SqliteSaver"/> and <see cref="SqliteStore"/> on a real database file (write-ahead
/// log, default durability), shared by every kit test; each fresh database is its own file.
/// </summary>
public sealed class SqliteTestStore : CheckpointTestStore
{
    private TempFolder? _folder;
    private string? _connectionString;

    /// <summary>Gets the shared instance.</summary>
    public static SqliteTestStore Instance { get; } = new();

    /// <inheritdoc />
    public override string BackendName => "sqlite";

    /// <inheritdoc />
    public override BackendCapabilities Capabilities { get; } = new() { RequiresSetup = true };

    private string ConnectionString => _connectionString ?? throw new InvalidOperationException("The SQLite test store has not started.");

    /// <inheritdoc />
    public override StoredDataEditor Editor => new SqliteStoredDataEditor(ConnectionString);

    /// <inheritdoc />
    public override ConfigurationRegistration Registration => new()
    {
        SaverSettings = new Dictionary<string, string?> { ["ConnectionString"] = ConnectionString },
        StoreSettings = new Dictionary<string, string?> { ["ConnectionString"] = ConnectionString },
        AddSaver = (services, key, section, configure) => services.AddKeyedSqliteCheckpointSaver(key, section, configure),
        AddStore = (services, key, section, configure) => services.AddKeyedSqliteStore(key, section, configure),
    };

    /// <inheritdoc />
    public override BaseCheckpointSaver CreateSaver(ICheckpointSerializer? serializer = null) =>
        new SqliteSaver(ConnectionString, new SqliteSaverOptions { Serializer = serializer });

    /// <inheritdoc />
    public override BaseStore CreateStore(StoreOptions options) => new SqliteStore(ConnectionString, ToSqliteOptions(options));

    /// <inheritdoc />
    public override Task<TestDatabase> CreateDatabaseAsync() =>
        Task.FromResult<TestDatabase>(new SqliteTestDatabase(_folder!.NewFile("fresh")));

    /// <summary>Copies the common store options into SQLite store options.</summary>
    /// <param name="options">The options the kit asked for.</param>
    /// <returns>SQLite options with the same clock, index and TTL.</returns>
    public static SqliteStoreOptions ToSqliteOptions(StoreOptions options) =>
        options as SqliteStoreOptions ?? new SqliteStoreOptions { TimeProvider = options.TimeProvider, Index = options.Index, Ttl = options.Ttl, Diagnostics = options.Diagnostics };

    /// <inheritdoc />
    protected override async Task StartAsync()
    {
        _folder = new TempFolder("kit");
        _connectionString = $"Data Source={_folder.NewFile("shared")}";
        using var saver = new SqliteSaver(_connectionString);
        await saver.SetupAsync().ConfigureAwait(false);
        using var store = new SqliteStore(_connectionString);
        await store.SetupAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task StopAsync()
    {
        _folder?.Dispose();
        return Task.CompletedTask;
    }
}
