using Checkpoint.ConformanceSuite;
using DotNet.Testcontainers.Builders;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Checkpoint.Postgres.Tests.Conformance;

/// <summary>
/// Runs the kit against PostgreSQL, in one of two configurations. <see cref="Instance"/> connects directly: to the
/// server named by <c>CHECKPOINT_TEST_POSTGRES</c>, else a Testcontainers container when a Docker engine answers.
/// <see cref="PgBouncer"/> goes through the PgBouncer in transaction mode named by <c>CHECKPOINT_TEST_PGBOUNCER</c>
/// (which <c>scripts/test-databases.sh</c> starts in front of the same server), with
/// <see cref="PostgresSaverOptions.TransactionPooling"/> set and the connection-string settings the README documents.
/// Without a server the tests are skipped, or fail when <c>CHECKPOINT_TESTS_REQUIRE</c> names the backend
/// (<c>postgres</c>, <c>pgbouncer</c>). The kit shares one schema per configuration, isolated by fresh ids; fresh
/// databases are fresh schemas.
/// </summary>
public sealed class PostgresTestStore : CheckpointTestStore
{
    /// <summary>The environment variable holding the direct connection string.</summary>
    public const string ConnectionStringVariable = "CHECKPOINT_TEST_POSTGRES";

    /// <summary>The environment variable holding the connection string of the PgBouncer in transaction mode.</summary>
    public const string PgBouncerConnectionStringVariable = "CHECKPOINT_TEST_PGBOUNCER";

    /// <summary>The schema every kit test over a direct connection shares.</summary>
    public const string KitSchema = "checkpoint_kit";

    /// <summary>What the README's PgBouncer section tells users to add to the connection string.</summary>
    public const string PgBouncerSettings = "No Reset On Close=true;Max Auto Prepare=0";

    private readonly string _variable;
    private PostgreSqlContainer? _container;
    private NpgsqlDataSource? _dataSource;

    private PostgresTestStore(string backendName, string variable, bool transactionPooling, string kitSchema)
    {
        BackendName = backendName;
        _variable = variable;
        TransactionPooling = transactionPooling;
        Schema = kitSchema;
    }

    /// <summary>Gets the configuration connecting directly.</summary>
    public static PostgresTestStore Instance { get; } = new("postgres", ConnectionStringVariable, transactionPooling: false, KitSchema);

    /// <summary>Gets the configuration connecting through PgBouncer in transaction mode.</summary>
    public static PostgresTestStore PgBouncer { get; } = new("pgbouncer", PgBouncerConnectionStringVariable, transactionPooling: true, "checkpoint_kit_pgbouncer");

    /// <inheritdoc />
    public override string BackendName { get; }

    /// <summary>Gets whether savers and stores of this configuration set <see cref="PostgresSaverOptions.TransactionPooling"/>.</summary>
    public bool TransactionPooling { get; }

    /// <summary>Gets the schema the kit tests of this configuration share.</summary>
    public string Schema { get; }

    public override string DatabaseSystemName => "postgresql";

    /// <inheritdoc />
    public override BackendCapabilities Capabilities { get; } = new() { PreservesNulInJsonStrings = false, RequiresSetup = true };

    /// <summary>Gets the connection string of the server under test.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Gets the data source every kit saver and store shares (they never dispose it).</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The PostgreSQL test store has not started.");

    /// <summary>Converts the kit's store options to PostgreSQL store options in a schema.</summary>
    public static PostgresStoreOptions ToPostgresOptions(StoreOptions options, string schema, bool transactionPooling = false) => new()
    {
        SchemaName = schema,
        TransactionPooling = transactionPooling,
        TimeProvider = options.TimeProvider,
        Index = options.Index,
        Ttl = options.Ttl,
        Diagnostics = options.Diagnostics,
    };

    /// <inheritdoc />
    public override StoredDataEditor Editor => new PostgresStoredDataEditor(DataSource, Schema);

    /// <inheritdoc />
    public override ConfigurationRegistration Registration => new()
    {
        SaverSettings = Settings(),
        StoreSettings = Settings(),
        AddSaver = (services, key, section, configure) => services.AddKeyedPostgresCheckpointSaver(key, section, configure),
        AddStore = (services, key, section, configure) => services.AddKeyedPostgresStore(key, section, configure),
    };

    /// <inheritdoc />
    public override BaseCheckpointSaver CreateSaver(ICheckpointSerializer? serializer = null) =>
        new PostgresSaver(DataSource, new PostgresSaverOptions { Serializer = serializer, SchemaName = Schema, TransactionPooling = TransactionPooling });

    /// <inheritdoc />
    public override BaseStore CreateStore(StoreOptions options) => new PostgresStore(DataSource, ToPostgresOptions(options, Schema, TransactionPooling));

    /// <inheritdoc />
    public override Task<TestDatabase> CreateDatabaseAsync() =>
        Task.FromResult<TestDatabase>(new PostgresTestDatabase(DataSource) { TransactionPooling = TransactionPooling });

    private Dictionary<string, string?> Settings() => new()
    {
        ["ConnectionString"] = ConnectionString,
        ["SchemaName"] = Schema,
        ["TransactionPooling"] = TransactionPooling ? "true" : "false",
    };

    /// <inheritdoc />
    protected override async Task StartAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(_variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            // A pooler is not something a container can stand in for here: scripts/test-databases.sh starts one.
            connectionString = TransactionPooling
                ? throw new BackendUnavailableException($"{_variable} is not set (scripts/test-databases.sh starts a PgBouncer in transaction mode and sets it).")
                : await StartContainerAsync().ConfigureAwait(false);
        }

        ConnectionString = TransactionPooling ? $"{connectionString};{PgBouncerSettings}" : connectionString;
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = "checkpoint-" + BackendName + "-kit" }.ConnectionString);
        try
        {
            await using (await _dataSource.OpenConnectionAsync().ConfigureAwait(false))
            {
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new BackendUnavailableException($"cannot connect to the PostgreSQL server of {_variable}: {e.Message}", e);
        }

        await CreateSaver().SetupAsync().ConfigureAwait(false);
        await CreateStore(new StoreOptions()).SetupAsync().ConfigureAwait(false);
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
