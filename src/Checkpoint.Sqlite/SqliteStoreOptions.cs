using Checkpoint.Sqlite.Internal;

namespace Checkpoint.Sqlite;

/// <summary>Options of <see cref="SqliteStore"/>: the common <see cref="StoreOptions"/> plus SQLite connection behaviour.</summary>
public sealed class SqliteStoreOptions : StoreOptions, ISqliteConnectionSettings
{
    /// <summary>
    /// Gets or sets the longest an operation waits for the write lock (or a busy database) held by other connections
    /// or processes before it throws <see cref="SqliteLockTimeoutException"/>. Default: 30 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how hard a commit pushes data to disk. Default: <see cref="SqliteDurability.Full"/>.</summary>
    public SqliteDurability Durability { get; set; } = SqliteDurability.Full;
}
