using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Checkpoint.Sqlite;

/// <summary>
/// A statement of the hot write path, prepared once per connection and run through SQLite's own API: parameters
/// bound by position (their indexes looked up once), one step, a reset. It skips what a driver command does on every
/// execution (parameter objects, name lookups, a data reader), which is most of a small write's cost once commits
/// are not flushed.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private const uint PreparePersistent = 0x01;
    private const int Row = 100;
    private const int Done = 101;

    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);

    public RawStatement(sqlite3 database, string sql)
    {
        _database = database;
        var rc = raw.sqlite3_prepare_v3(database, sql, PreparePersistent, out _statement);
        SqliteException.ThrowExceptionForRC(rc, database);
    }

    /// <summary>Binds text, or NULL.</summary>
    public RawStatement Bind(string name, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, Index(name)) : raw.sqlite3_bind_text16(_statement, Index(name), value.AsSpan()));

    /// <summary>Binds a blob (an empty array is an empty blob, never NULL).</summary>
    public RawStatement Bind(string name, byte[] value) =>
        Check(value.Length == 0 ? raw.sqlite3_bind_zeroblob(_statement, Index(name), 0) : raw.sqlite3_bind_blob(_statement, Index(name), value));

    /// <summary>Binds an integer.</summary>
    public RawStatement Bind(string name, long value) => Check(raw.sqlite3_bind_int64(_statement, Index(name), value));

    /// <summary>Runs the statement to completion and returns the number of rows it changed.</summary>
    /// <exception cref="SqliteException">SQLite reported an error (busy, constraint, I/O, ...).</exception>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc is not (Done or Row))
            {
                SqliteException.ThrowExceptionForRC(rc, _database);
            }

            return raw.sqlite3_changes(_database);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    /// <summary>Runs a statement that returns one integer (<c>SELECT count(*) ...</c>).</summary>
    public long ExecuteScalar()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc != Row)
            {
                SqliteException.ThrowExceptionForRC(rc == Done ? 1 : rc, _database);
            }

            return raw.sqlite3_column_int64(_statement, 0);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    /// <summary>Runs the statement once and returns SQLite's result code instead of throwing (for lock attempts).</summary>
    public int TryExecute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        return rc;
    }

    public void Dispose() => _statement.Dispose();

    private int Index(string name)
    {
        if (!_indexes.TryGetValue(name, out var index))
        {
            index = raw.sqlite3_bind_parameter_index(_statement, name);
            if (index == 0)
            {
                throw new ArgumentException($"The statement has no parameter {name}.", nameof(name));
            }

            _indexes[name] = index;
        }

        return index;
    }

    private RawStatement Check(int rc)
    {
        if (rc != 0)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }

        return this;
    }
}
