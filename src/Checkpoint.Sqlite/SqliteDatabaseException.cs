namespace Checkpoint.Sqlite;

/// <summary>
/// Thrown when the SQLite database cannot be used at all: the file is not a SQLite database, is corrupt, is read-only
/// (for a write), is a directory, cannot be opened, or the disk is full. The message says which; the failed operation
/// changed nothing.
/// </summary>
public sealed class SqliteDatabaseException : IOException
{
    /// <summary>Initializes a new instance.</summary>
    public SqliteDatabaseException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    public SqliteDatabaseException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SqliteDatabaseException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance for a database and a SQLite result code.</summary>
    /// <param name="message">The message.</param>
    /// <param name="dataSource">The database file (never the whole connection string).</param>
    /// <param name="sqliteErrorCode">The primary SQLite result code, for example 26 (<c>SQLITE_NOTADB</c>); 0 when the error was detected before SQLite ran.</param>
    /// <param name="innerException">The cause.</param>
    public SqliteDatabaseException(string message, string dataSource, int sqliteErrorCode, Exception? innerException)
        : base(message, innerException)
    {
        DataSource = dataSource;
        SqliteErrorCode = sqliteErrorCode;
    }

    /// <summary>Gets the database file.</summary>
    public string? DataSource { get; }

    /// <summary>Gets the primary SQLite result code (for example 11 corrupt, 14 cannot open, 26 not a database); 0 when detected before SQLite ran.</summary>
    public int SqliteErrorCode { get; }
}
