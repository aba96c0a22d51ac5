using Checkpoint.Sqlite.Internal;

namespace Checkpoint.Sqlite;

/// <summary>Options of <see cref="SqliteSaver"/>.</summary>
public sealed class SqliteSaverOptions : CheckpointSaverOptions, ISqliteConnectionSettings
{
    /// <summary>
    /// Gets or sets the longest an operation waits for the write lock (or a busy database) held by other connections
    /// or processes before it throws <see cref="SqliteLockTimeoutException"/>. Default: 30 seconds.
    /// </summary>
    /// <remarks>
    /// Writers of one process queue inside the library; writers of other processes are waited for with SQLite's busy
    /// handler and retried, so "database is locked" never reaches the caller before this bound.
    /// </remarks>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how hard a commit pushes data to disk. Default: <see cref="SqliteDurability.Full"/>.</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;
}
