using Checkpoint.ConformanceSuite;
using Checkpoint.Sqlite.Tests.Conformance;

namespace Checkpoint.Sqlite.Tests.LangGraphLayout;

/// <summary>
/// Runs the checkpointer kit against <see cref="SqliteSaver"/> in <see cref="SqliteLayout.LangGraph"/> with LangGraph.js's
/// wire format, on one shared file: the layout LangGraph's SQLite savers share must honour the same contract.
/// </summary>
public sealed class LangGraphLayoutTestStore : CheckpointTestStore
{
    private TempFolder? _folder;
    private string? _connectionString;

    /// <summary>Gets the shared instance.</summary>
    public static LangGraphLayoutTestStore Instance { get; } = new();

    /// <inheritdoc />
    public override string BackendName => "sqlite";

    private string ConnectionString => _connectionString ?? throw new InvalidOperationException("The SQLite test store has not started.");

    /// <summary>Gets the saver options of the layout.</summary>
    public static SqliteSaverOptions Options(ICheckpointSerializer? serializer = null) =>
        new() { Layout = SqliteLayout.LangGraph, WireFormat = CheckpointWireFormat.LangGraphJs, Serializer = serializer };

    /// <inheritdoc />
    public override BaseCheckpointSaver CreateSaver(ICheckpointSerializer? serializer = null) => new SqliteSaver(ConnectionString, Options(serializer));

    /// <inheritdoc />
    public override BaseStore CreateStore(StoreOptions options) => throw new NotSupportedException("The LangGraph layout is a checkpointer layout.");

    /// <inheritdoc />
    public override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new LangGraphLayoutTestDatabase(_folder!.NewFile("fresh")));

    /// <inheritdoc />
    protected override async Task StartAsync()
    {
        _folder = new TempFolder("kit-langgraph");
        _connectionString = $"Data Source={_folder.NewFile("shared")}";
        using var saver = new SqliteSaver(_connectionString, Options());
        await saver.SetupAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override Task StopAsync()
    {
        _folder?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>A fresh file in the LangGraph layout (the layout has no migrations: its Setup creates the tables when missing).</summary>
/// <param name="path">The file's path (not created yet).</param>
public sealed class LangGraphLayoutTestDatabase(string path) : TestDatabase
{
    /// <inheritdoc />
    public override BaseCheckpointSaver CreateSaver() => new SqliteSaver($"Data Source={path}", LangGraphLayoutTestStore.Options());

    /// <inheritdoc />
    public override BaseStore CreateStore(StoreOptions options) => throw new NotSupportedException("The LangGraph layout is a checkpointer layout.");

    /// <inheritdoc />
    public override int CurrentSchemaVersion(SchemaComponent component) => 0;

    /// <inheritdoc />
    public override Task<int> GetSchemaVersionAsync(SchemaComponent component) => Task.FromResult(0);

    /// <inheritdoc />
    public override Task SetSchemaVersionAsync(SchemaComponent component, int version) =>
        throw new NotSupportedException("The LangGraph layout has no schema versions.");

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        foreach (var file in (string[])[path, path + "-wal", path + "-shm"])
        {
            File.Delete(file);
        }

        return base.DisposeAsync();
    }
}

/// <summary>The fixture of the LangGraph-layout kit classes.</summary>
public sealed class LangGraphLayoutFixture : CheckpointFixture
{
    /// <inheritdoc />
    public override CheckpointTestStore TestStore => LangGraphLayoutTestStore.Instance;
}
