using Checkpoint.Sqlite.Internal;

namespace Checkpoint.Sqlite;

/// <summary>
/// A long-term memory store on SQLite: JSON documents under hierarchical namespaces, with filters, time to live and
/// semantic search scored in process (no SQLite extension needed).
/// </summary>
/// <remarks>
/// <para>
/// Create it from a Microsoft.Data.Sqlite connection string or with <see cref="FromPath"/>, call <see cref="StorageComponent.Setup"/>
/// once, and share the instance. It owns its connections; an in-memory database lives as long as the instance. The
/// same file may hold a <see cref="SqliteSaver"/>'s tables too.
/// </para>
/// <para>
/// A batch is one transaction, applied in order. Batches that only read run in a read transaction (they refresh
/// the time to live of returned items in place when needed); batches that write queue behind this process's other
/// writers and wait for other processes up to <see cref="SqliteStoreOptions.BusyTimeout"/>. Filters are narrowed in
/// SQL with <c>json_extract</c> and checked exactly in process (numbers by value). Embeddings are float32 blobs
/// compared by cosine similarity in process; vectors of another dimension than the query (after a model change) are
/// ignored. Operations before <see cref="StorageComponent.Setup"/> throw <see cref="InvalidOperationException"/>.
/// </para>
/// <para>
/// As with <see cref="SqliteSaver"/>, the async methods run their SQLite statements on the calling thread; the
/// embedding generator is awaited asynchronously (the sync methods wait for it, as it has no sync API).
/// </para>
/// </remarks>
public sealed partial class SqliteStore : BaseStore
{
    private readonly SqliteDatabase _database;

    /// <summary>Initializes a store over the database named by a Microsoft.Data.Sqlite connection string.</summary>
    /// <param name="connectionString">For example <c>Data Source=app.db</c> or <c>Data Source=:memory:</c>.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The connection string is malformed or the options are inconsistent.</exception>
    public SqliteStore(string connectionString, SqliteStoreOptions? options = null)
        : base(options ??= new SqliteStoreOptions())
    {
        SqliteOptions = options;
        _database = Own(new SqliteDatabase(connectionString, options, "store"));
    }

    /// <summary>Gets the newest store schema version this release knows (rows of <c>store_migrations</c>).</summary>
    public static int CurrentSchemaVersion { get; } = StoreSchema.Migrations.Count;

    /// <summary>Gets the options, with the SQLite settings.</summary>
    public SqliteStoreOptions SqliteOptions { get; }

    /// <summary>Gets the database as named in the connection string: a file path or <c>:memory:</c>.</summary>
    public string DataSource => _database.DataSource;

    /// <summary>Creates a store over a database file (created by <see cref="StorageComponent.Setup"/> when missing) or <c>:memory:</c>.</summary>
    /// <param name="path">A file path, or <c>:memory:</c>.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The store; dispose it to close its connections.</returns>
    public static SqliteStore FromPath(string path, SqliteStoreOptions? options = null)
    {
        return new SqliteStore(SqliteDatabase.ConnectionStringFor(path), options);
    }

    /// <summary>
    /// Creates the database file if needed, switches it to write-ahead logging and applies the store's migrations,
    /// recording each in <c>store_migrations</c>. Idempotent and safe when many instances or processes call it at once.
    /// </summary>
    /// <inheritdoc />
    /// <exception cref="SqliteDatabaseException">The file is not a usable SQLite database; nothing was changed.</exception>
    protected override Task SetupCore(bool async, CancellationToken cancellationToken) =>
        SqliteMigrator.MigrateAsync(async, _database, StoreSchema.MigrationsTable, StoreSchema.Migrations, cancellationToken);

    /// <inheritdoc />
    protected override async Task<int> SweepExpiredCore(bool async, CancellationToken cancellationToken)
    {
        var now = GetNow();
        return await _database.RunAsync(async, SqliteAccess.Write, session => Sweep(session, now), cancellationToken).ConfigureAwait(false);
    }

    private static int Sweep(SqliteSession session, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        session.Command(StoreSql.SweepVectors).With("$now", nowMs).ExecuteNonQuery();
        return session.Command(StoreSql.Sweep).With("$now", nowMs).ExecuteNonQuery();
    }
}
