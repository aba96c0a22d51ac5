using Checkpoint.Postgres.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres;

/// <summary>
/// A long-term memory store on PostgreSQL, with LangGraph's <c>store</c> and <c>store_migrations</c> tables plus
/// <c>store_vectors</c>, whose embeddings are plain <c>real[]</c>: semantic search works on any PostgreSQL, without
/// pgvector.
/// </summary>
/// <remarks>
/// <para>
/// A batch is one round trip: its operations become the statements of one <see cref="NpgsqlBatch"/>, run in order in
/// one implicit transaction, so a get sees a put made earlier in the same batch and a failing batch changes nothing.
/// Filters are translated to SQL (numbers compare as numbers, strings bytewise); semantic search scores by cosine
/// similarity inside the database, exactly (no approximate index), which suits stores of up to some hundred
/// thousand embedded fields per searched prefix.
/// </para>
/// <para>
/// Item times come from <see cref="StoreOptions.TimeProvider"/> (never the server clock) with millisecond precision.
/// Expired items are never returned; <see cref="BaseStore.SweepExpired"/> deletes them, and the hosted sweeper
/// (<c>services.AddStoreTtlSweeper()</c>) calls it periodically.
/// </para>
/// <para>Thread-safe without any lock of its own. Call <see cref="StorageComponent.Setup"/> once before use.</para>
/// </remarks>
public sealed partial class PostgresStore : BaseStore
{
    private readonly PostgresExecutor _executor;
    private readonly StoreSql _sql;
    private readonly SchemaMigrator _migrator;

    /// <summary>Initializes a store over a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">The data source; its connection pool is shared by concurrent operations.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are inconsistent, or the schema name is invalid.</exception>
    public PostgresStore(NpgsqlDataSource dataSource, PostgresStoreOptions? options = null)
        : this(dataSource, options ?? new PostgresStoreOptions(), ownsDataSource: false)
    {
    }

    private PostgresStore(NpgsqlDataSource dataSource, PostgresStoreOptions options, bool ownsDataSource)
        : base(options)
    {
        var component = new PostgresComponent(dataSource, options.SchemaName, options.DisablePreparedStatements, options.TransactionPooling, "store", StoreMigrations.Table, StoreMigrations.For);
        _executor = component.Executor;
        _sql = new StoreSql(component.Schema);
        _migrator = component.Migrator;
        SchemaName = component.Schema.Name;
        if (ownsDataSource)
        {
            Own(dataSource);
        }
    }

    /// <summary>The schema version <see cref="StorageComponent.Setup"/> brings a database to (the highest row of <c>store_migrations</c>).</summary>
    public static int CurrentSchemaVersion { get; } = PostgresComponent.LatestVersion(StoreMigrations.For);

    /// <summary>Gets the data source.</summary>
    public NpgsqlDataSource DataSource => _executor.DataSource;

    /// <summary>Gets the schema holding the tables.</summary>
    public string SchemaName { get; }

    /// <inheritdoc />
    protected override string DatabaseSystemName => "postgresql";

    /// <inheritdoc />
    protected override string? DatabaseNamespace => SchemaName;

    /// <summary>Creates a store that builds, owns and disposes its own data source.</summary>
    /// <param name="connectionString">An Npgsql connection string or a <c>postgresql://</c> URI (see <see cref="PostgresConnectionString"/>).</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The store; dispose it to close its connections.</returns>
    public static PostgresStore FromConnectionString(string connectionString, PostgresStoreOptions? options = null) =>
        CreateOwning(TransactionPoolingSettings.CreateDataSource(connectionString, options?.TransactionPooling == true), dataSource => new PostgresStore(dataSource, options ?? new PostgresStoreOptions(), ownsDataSource: true));

    /// <summary>
    /// Creates or upgrades the tables as versioned migrations recorded in <c>store_migrations</c>: idempotent, safe
    /// when many processes call it at once (an advisory lock serialises them), never destroys data.
    /// </summary>
    /// <inheritdoc />
    protected override Task SetupCore(bool async, CancellationToken cancellationToken) => _migrator.MigrateAsync(async, cancellationToken);

    /// <summary>Deletes every expired item (and its embeddings) in one statement.</summary>
    /// <inheritdoc />
    protected override async Task<int> SweepExpiredCore(bool async, CancellationToken cancellationToken)
    {
        await using var connection = await _executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { new NpgsqlBatchCommand(_sql.Sweep).Add(GetNow(), NpgsqlDbType.TimestampTz) },
        };
        return await _executor.ExecuteNonQueryAsync(async, batch, cancellationToken).ConfigureAwait(false);
    }
}
