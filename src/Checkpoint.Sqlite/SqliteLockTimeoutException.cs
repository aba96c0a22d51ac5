namespace Checkpoint.Sqlite;

/// <summary>
/// Thrown when an operation could not get the lock it needs within <see cref="SqliteSaverOptions.BusyTimeout"/>
/// (or <see cref="SqliteStoreOptions.BusyTimeout"/>) because other connections or processes kept the database busy.
/// Nothing was written by the failed operation; it is safe to retry.
/// </summary>
public sealed class SqliteLockTimeoutException : TimeoutException
{
    /// <summary>Initializes a new instance.</summary>
    public SqliteLockTimeoutException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    public SqliteLockTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SqliteLockTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance describing the database and the wait.</summary>
    /// <param name="dataSource">The database file (never the whole connection string).</param>
    /// <param name="waited">How long the operation waited.</param>
    /// <param name="innerException">The last busy error, if any.</param>
    public SqliteLockTimeoutException(string dataSource, TimeSpan waited, Exception? innerException)
        : base($"The SQLite database '{dataSource}' stayed locked by other connections or processes for {waited.TotalSeconds:0.###} s, " +
               "the configured BusyTimeout. Nothing was written; retry later or raise BusyTimeout.", innerException)
    {
        DataSource = dataSource;
        Waited = waited;
    }

    /// <summary>Gets the database file.</summary>
    public string? DataSource { get; }

    /// <summary>Gets how long the operation waited.</summary>
    public TimeSpan Waited { get; }
}
