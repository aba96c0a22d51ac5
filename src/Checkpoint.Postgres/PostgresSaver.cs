using Checkpoint.Postgres.Internal;
using Npgsql;

namespace Checkpoint.Postgres;

/// <summary>
/// A checkpointer on PostgreSQL, with LangGraph's tables (<c>checkpoints</c>, <c>checkpoint_blobs</c>,
/// <c>checkpoint_writes</c>, <c>checkpoint_migrations</c>), so a LangGraph user recognises the database.
/// </summary>
/// <remarks>
/// <para>
/// Every operation is one round trip: a put sends the changed channels' blobs and the checkpoint row in one batch
/// (one implicit transaction, so no reader ever sees a checkpoint without its blobs); a read returns the checkpoint,
/// its blobs and its pending writes in one query; list streams rows as they are enumerated. The sync methods use
/// Npgsql's sync API; nothing blocks on a task.
/// </para>
/// <para>
/// Thread-safe without any lock of its own: concurrent callers take their own connection from the data source's
/// pool. Call <see cref="StorageComponent.Setup"/> (or <see cref="StorageComponent.SetupAsync"/>) once before use.
/// </para>
/// </remarks>
public sealed partial class PostgresSaver : BaseCheckpointSaver
{
    private readonly PostgresExecutor _executor;
    private readonly CheckpointSql _sql;
    private readonly SchemaMigrator _migrator;

    /// <summary>Initializes a saver over a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">The data source; its connection pool is shared by concurrent operations.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The schema name is empty, contains NUL or is longer than 63 bytes.</exception>
    public PostgresSaver(NpgsqlDataSource dataSource, PostgresSaverOptions? options = null)
        : this(dataSource, options ?? new PostgresSaverOptions(), ownsDataSource: false)
    {
    }

    private PostgresSaver(NpgsqlDataSource dataSource, PostgresSaverOptions options, bool ownsDataSource)
        : base(options.Serializer, options.WireFormat, options.ChunkCache)
    {
        Diagnostics = options.Diagnostics;
        var component = new PostgresComponent(dataSource, options.SchemaName, options.DisablePreparedStatements, options.TransactionPooling, "checkpoint", CheckpointMigrations.Table, CheckpointMigrations.For);
        _executor = component.Executor;
        _sql = new CheckpointSql(component.Schema);
        _migrator = component.Migrator;
        SchemaName = component.Schema.Name;
        if (ownsDataSource)
        {
            Own(dataSource);
        }
    }

    /// <summary>The schema version <see cref="StorageComponent.Setup"/> brings a database to (the highest row of <c>checkpoint_migrations</c>).</summary>
    public static int CurrentSchemaVersion { get; } = PostgresComponent.LatestVersion(CheckpointMigrations.For);

    /// <summary>Gets the data source.</summary>
    public NpgsqlDataSource DataSource => _executor.DataSource;

    /// <summary>Gets the schema holding the tables.</summary>
    public string SchemaName { get; }

    /// <inheritdoc />
    protected override string DatabaseSystemName => "postgresql";

    /// <inheritdoc />
    protected override string? DatabaseNamespace => SchemaName;

    /// <summary>Creates a saver that builds, owns and disposes its own data source.</summary>
    /// <param name="connectionString">An Npgsql connection string or a <c>postgresql://</c> URI (see <see cref="PostgresConnectionString"/>).</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The saver; dispose it to close its connections.</returns>
    public static PostgresSaver FromConnectionString(string connectionString, PostgresSaverOptions? options = null) =>
        CreateOwning(TransactionPoolingSettings.CreateDataSource(connectionString, options?.TransactionPooling == true), dataSource => new PostgresSaver(dataSource, options ?? new PostgresSaverOptions(), ownsDataSource: true));

    /// <summary>
    /// Creates or upgrades the tables as versioned migrations recorded in <c>checkpoint_migrations</c>: idempotent, safe
    /// when many processes call it at once (an advisory lock serialises them), never destroys data.
    /// </summary>
    /// <inheritdoc />
    protected override Task SetupCore(bool async, CancellationToken cancellationToken) => _migrator.MigrateAsync(async, cancellationToken);
}
