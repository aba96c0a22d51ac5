using Checkpoint.ConformanceSuite;
using DotNet.Testcontainers.Builders;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Checkpoint.Postgres.Tests.Conformance;

/// <summary>
/// Runs the kit against PostgreSQL: the server named by <c>CHECKPOINT_TEST_POSTGRES</c>, else a Testcontainers
/// container when a Docker engine answers, else the tests are skipped (or fail, when <c>CHECKPOINT_TESTS_REQUIRE</c>
/// names postgres). The kit shares one schema, isolated by fresh ids; fresh databases are fresh schemas.
/// </summary>
public sealed class PostgresTestStore : CheckpointTestStore
{
    /// <summary>The environment variable holding the connection string.</summary>
    public const string ConnectionStringVariable = "CHECKPOINT_TEST_POSTGRES";

    /// <summary>The schema every kit test shares.</summary>
    public const string KitSchema = "checkpoint_kit";

    private PostgreSqlContainer? _container;
    private NpgsqlDataSource? _dataSource;

    /// <summary>Gets the shared instance.</summary>
    public static PostgresTestStore Instance { get; } = new();

    /// <inheritdoc />
    public override string BackendName => "postgres";

    public override string DatabaseSystemName => "postgresql";

    /// <inheritdoc />
    public override BackendCapabilities Capabilities { get; } = new() { PreservesNulInJsonStrings = false };

    /// <summary>Gets the connection string of the server under test.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Gets the data source every kit saver and store shares (they never dispose it).</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The PostgreSQL test store has not started.");

    /// <summary>Converts the kit's store options to PostgreSQL store options in a schema.</summary>
    public static PostgresStoreOptions ToPostgresOptions(StoreOptions options, string schema) => new()
    {
        SchemaName = schema,
        TimeProvider = options.TimeProvider,
        Index = options.Index,
        Ttl = options.Ttl,
        Diagnostics = options.Diagnostics,
    };

    /// <inheritdoc />
    public override BaseCheckpointSaver CreateSaver(ICheckpointSerializer? serializer = null) =>
        new PostgresSaver(DataSource, new PostgresSaverOptions { Serializer = serializer, SchemaName = KitSchema });

    /// <inheritdoc />
    public override BaseStore CreateStore(StoreOptions options) => new PostgresStore(DataSource, ToPostgresOptions(options, KitSchema));

    /// <inheritdoc />
    public override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new PostgresTestDatabase(DataSource));

    /// <inheritdoc />
    protected override async Task StartAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = await StartContainerAsync().ConfigureAwait(false);
        }

        ConnectionString = connectionString;
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "checkpoint-postgres-kit" }.ConnectionString);
        try
        {
            await using (await _dataSource.OpenConnectionAsync().ConfigureAwait(false))
            {
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new BackendUnavailableException($"cannot connect to the PostgreSQL server of {ConnectionStringVariable}: {e.Message}", e);
        }

        await new PostgresSaver(_dataSource, new PostgresSaverOptions { SchemaName = KitSchema }).SetupAsync().ConfigureAwait(false);
        await new PostgresStore(_dataSource, new PostgresStoreOptions { SchemaName = KitSchema }).SetupAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task StopAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        if (_container is not null)
        {
            await _container.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<string> StartContainerAsync()
    {
        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is null && !File.Exists("/var/run/docker.sock"))
        {
            throw new BackendUnavailableException($"{ConnectionStringVariable} is not set and no Docker engine is available for Testcontainers.");
        }

        try
        {
            _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await _container.StartAsync().ConfigureAwait(false);
            return _container.GetConnectionString();
        }
        catch (DockerUnavailableException e)
        {
            throw new BackendUnavailableException($"{ConnectionStringVariable} is not set and Docker is unavailable: {e.Message.Split('\n')[0]}", e);
        }
    }
}
