using Checkpoint.Sqlite.Internal;

namespace Checkpoint.Sqlite;

/// <summary>
/// A checkpointer on SQLite: a file (or <c>:memory:</c>) that holds every thread's checkpoints, their per-channel
/// values and pending writes, safe to share between threads of a process and between processes.
/// </summary>
/// <remarks>
/// <para>
/// Create it from a Microsoft.Data.Sqlite connection string (<c>Data Source=app.db</c>) or with <see cref="FromPath"/>,
/// call <see cref="StorageComponent.Setup"/> once, and share the instance (it is thread-safe). It opens, pools and finally disposes
/// its own connections; an in-memory database lives in one connection and dies with the instance.
/// </para>
/// <para>
/// Files use write-ahead logging (set by <see cref="StorageComponent.Setup"/>), so readers never wait for writers. Every put is one
/// <c>BEGIN IMMEDIATE</c> transaction holding the checkpoint row and only the value blobs of channels that changed
/// (<c>INSERT OR IGNORE</c>: a blob is written once per channel version). Writers of this process queue inside the
/// library; writers of other processes are waited for, up to <see cref="SqliteSaverOptions.BusyTimeout"/>, after
/// which <see cref="SqliteLockTimeoutException"/> is thrown. A file that is not usable (not SQLite, corrupt,
/// read-only for a write, a directory) gives <see cref="SqliteDatabaseException"/>.
/// </para>
/// <para>
/// Operations before <see cref="StorageComponent.Setup"/> has ever run on the database throw <see cref="InvalidOperationException"/>
/// naming <see cref="StorageComponent.Setup"/>; no operation other than <see cref="StorageComponent.Setup"/> creates a database file.
/// </para>
/// <para>
/// The sync methods use Microsoft.Data.Sqlite's synchronous API. SQLite has no asynchronous I/O: the async methods
/// run their statements on the calling thread too (as Microsoft.Data.Sqlite's own async methods do); only their
/// waits for the write queue and between lock retries are asynchronous, and they honour cancellation before each
/// attempt. Lists stream page by page (growing pages, one statement each, with the blobs and writes of the page in
/// the same statement), so rows the caller does not enumerate are not read and no lock is held between pages.
/// </para>
/// </remarks>
public sealed partial class SqliteSaver : BaseCheckpointSaver
{
    private readonly SqliteDatabase _database;
    private readonly LangGraphLayoutStore? _langGraph;

    /// <summary>Initializes a saver over the database named by a Microsoft.Data.Sqlite connection string.</summary>
    /// <param name="connectionString">For example <c>Data Source=app.db</c> or <c>Data Source=:memory:</c>. The driver's pooling is replaced by the saver's own.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The connection string is malformed or has no data source, or <see cref="SqliteLayout.LangGraph"/> is asked for without a LangGraph wire format.</exception>
    public SqliteSaver(string connectionString, SqliteSaverOptions? options = null)
        : base((options ??= new SqliteSaverOptions()).Serializer, options.WireFormat, options.ChunkCache)
    {
        Diagnostics = options.Diagnostics;
        if (options.Layout == SqliteLayout.LangGraph && options.WireFormat == CheckpointWireFormat.Native)
        {
            throw new ArgumentException(
                "SqliteLayout.LangGraph stores whole checkpoints the way a LangGraph runtime reads them: set SqliteSaverOptions.WireFormat to " +
                "CheckpointWireFormat.LangGraphJs or LangGraphPython, for the runtime that shares the file.",
                nameof(options));
        }

        Options = options;
        _database = Own(new SqliteDatabase(connectionString, options, "checkpointer"));
        _langGraph = options.Layout == SqliteLayout.LangGraph ? new LangGraphLayoutStore(_database, Serializer, options.WireFormat) : null;
    }

    /// <summary>Gets the newest checkpointer schema version this release knows (rows of <c>checkpoint_migrations</c>).</summary>
    public static int CurrentSchemaVersion { get; } = CheckpointSchema.Migrations.Count;

    /// <summary>Gets the options.</summary>
    public SqliteSaverOptions Options { get; }

    /// <summary>Gets the database as named in the connection string: a file path or <c>:memory:</c>.</summary>
    public string DataSource => _database.DataSource;

    /// <summary>Creates a saver over a database file (created by <see cref="StorageComponent.Setup"/> when missing) or <c>:memory:</c>.</summary>
    /// <param name="path">A file path, or <c>:memory:</c> for a database that lives as long as the saver.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The saver; dispose it to close its connections.</returns>
    public static SqliteSaver FromPath(string path, SqliteSaverOptions? options = null)
    {
        return new SqliteSaver(SqliteDatabase.ConnectionStringFor(path), options);
    }

    /// <summary>
    /// Creates the database file if needed, switches it to write-ahead logging and applies the checkpointer's
    /// migrations, recording each in <c>checkpoint_migrations</c> (with <see cref="SqliteLayout.LangGraph"/>: creates
    /// LangGraph's tables when missing). Idempotent and safe when many instances or processes call it at once.
    /// </summary>
    /// <inheritdoc />
    /// <exception cref="SqliteDatabaseException">
    /// The file is not a usable SQLite database, or it holds the other layout's tables (the message names the layout found
    /// and the option to use); nothing was changed.
    /// </exception>
    protected override async Task SetupCore(bool async, CancellationToken cancellationToken)
    {
        if (_langGraph is not null)
        {
            await _langGraph.SetupAsync(async, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A file LangGraph created has a `checkpoints` table of another shape: say so instead of failing on its DDL.
        _database.EnsureFileExists();
        if (await _database.RunAsync(async, SqliteAccess.Read, SqliteLayoutProbe.Detect, cancellationToken).ConfigureAwait(false) == SqliteLayout.LangGraph)
        {
            throw SqliteLayoutProbe.Mismatch(_database, SqliteLayout.LangGraph);
        }

        await SqliteMigrator.MigrateAsync(async, _database, CheckpointSchema.MigrationsTable, CheckpointSchema.Migrations, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override string DatabaseSystemName => "sqlite";
}
