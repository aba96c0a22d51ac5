using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// One open connection owned by a <see cref="SqliteDatabase"/>, with its prepared commands cached by SQL text so a
/// repeated operation never compiles its statements again.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    // Bounds the cache for the few statements whose text depends on the request shape (filters, cursors).
    private const int MaxCachedCommands = 128;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RawStatement> _statements = new(StringComparer.Ordinal);
    private int _busyTimeoutMilliseconds = -1;

    public SqliteSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Gets or sets whether the connection is in an unknown state and must not be reused.</summary>
    public bool IsBroken { get; set; }

    public bool InTransaction => raw.sqlite3_get_autocommit(Connection.Handle) == 0;

    /// <summary>Returns the cached command for <paramref name="sql"/> with its parameters cleared.</summary>
    public SqliteCommand Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        if (_commands.Count >= MaxCachedCommands)
        {
            foreach (var cached in _commands.Values)
            {
                cached.Dispose();
            }

            _commands.Clear();
        }

        command = Connection.CreateCommand();
        command.CommandText = sql;

        // Lock waits are bounded by SQLite's busy handler (see SetBusyTimeout) and the retry loop around it, so the
        // driver's own busy loop gets the smallest allowed bound.
        command.CommandTimeout = 1;
        _commands[sql] = command;
        return command;
    }

    public int Execute(string sql)
    {
        return Command(sql).ExecuteNonQuery();
    }

    /// <summary>Returns the statement for <paramref name="sql"/>, prepared on first use (fixed statements of the write path only).</summary>
    public RawStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new RawStatement(Connection.Handle!, sql);
            _statements[sql] = statement;
        }

        return statement;
    }

    /// <summary>
    /// Tries once to start a write transaction. Returns <see langword="false"/> at once when another connection holds
    /// the write lock (no busy handler, no driver retry loop), so the caller decides how to wait.
    /// </summary>
    public bool TryBeginImmediate()
    {
        if (_busyTimeoutMilliseconds != 0)
        {
            raw.sqlite3_busy_timeout(Connection.Handle, 0);
            _busyTimeoutMilliseconds = 0;
        }

        var rc = Statement("BEGIN IMMEDIATE").TryExecute();
        if (rc == 101)
        {
            return true;
        }

        if ((rc & 0xFF) is SqliteErrors.Busy or SqliteErrors.Locked)
        {
            return false;
        }

        SqliteException.ThrowExceptionForRC(rc, Connection.Handle);
        return true;
    }

    /// <summary>Sets how long SQLite itself waits on a lock held elsewhere before it reports the database busy.</summary>
    public void SetBusyTimeout(TimeSpan wait)
    {
        var milliseconds = (int)Math.Clamp(Math.Ceiling(wait.TotalMilliseconds), 1, int.MaxValue);
        if (milliseconds != _busyTimeoutMilliseconds)
        {
            raw.sqlite3_busy_timeout(Connection.Handle, milliseconds);
            _busyTimeoutMilliseconds = milliseconds;
        }
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var statement in _statements.Values)
        {
            statement.Dispose();
        }

        _commands.Clear();
        _statements.Clear();
        Connection.Dispose();
    }
}
