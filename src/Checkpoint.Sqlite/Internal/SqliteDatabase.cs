using System.Collections.Concurrent;
using System.Diagnostics;
using Checkpoint.Providers;
using Microsoft.Data.Sqlite;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// The connections of one saver or store to one SQLite database: a small pool of open connections it owns, a write
/// gate that queues the writers of this process, and the retry loop that keeps "database is locked" from reaching
/// callers before the configured bound.
/// </summary>
/// <remarks>
/// Writers of one process wait on a semaphore shared by every instance that opens the same file (no polling);
/// writers of other processes are waited for by SQLite's busy handler inside <c>BEGIN IMMEDIATE</c>, and the rare busy
/// results that bypass the handler are retried with a short backoff. An in-memory database lives in a single
/// connection, so every operation takes the gate there.
/// </remarks>
internal sealed class SqliteDatabase : IDisposable
{
    private const int MaxIdleSessions = 8;

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> FileGates = new(StringComparer.Ordinal);

    private readonly string _connectionString;
    private readonly string _createConnectionString;
    private readonly SemaphoreSlim _writeGate;
    private readonly Stack<SqliteSession> _idle = new();
    private readonly Lock _idleLock = new();
    private readonly SqliteSession? _memorySession;
    private readonly TimeSpan _busyTimeout;
    private readonly string? _synchronousPragma;
    private readonly bool _readOnly;
    private int _disposed;

    public SqliteDatabase(string connectionString, ISqliteConnectionSettings settings, string component)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.BusyTimeout, "BusyTimeout cannot be negative.");
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"The SQLite connection string is malformed: {e.Message}", nameof(connectionString), e);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("The SQLite connection string has no Data Source: give a file path (Data Source=app.db) or :memory:.", nameof(connectionString));
        }

        Component = component;
        _busyTimeout = settings.BusyTimeout;
        IsMemory = builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory;
        DataSource = builder.DataSource;

        // This class pools its own open connections (and their prepared statements), so the driver's pool is off:
        // disposing the saver really closes the file.
        builder.Pooling = false;
        if (IsMemory)
        {
            _connectionString = _createConnectionString = builder.ToString();
            _writeGate = new SemaphoreSlim(1, 1);
            _memorySession = new SqliteSession(OpenConnection(_connectionString));
            return;
        }

        FilePath = IsUri(builder.DataSource) ? null : Path.GetFullPath(builder.DataSource);
        _readOnly = builder.Mode == SqliteOpenMode.ReadOnly;
        _synchronousPragma = settings.Durability == SqliteDurability.Normal ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL";

        // Only Setup creates the file; every other operation opens it read-write, so a missing file is reported
        // instead of silently created empty.
        _createConnectionString = builder.ToString();
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        _connectionString = builder.ToString();
        _writeGate = FileGates.GetOrAdd(FilePath ?? builder.DataSource, _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>Returns the connection string of a database file (or <c>:memory:</c>), for <c>FromPath</c>.</summary>
    public static string ConnectionStringFor(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new SqliteConnectionStringBuilder { DataSource = path }.ToString();
    }

    /// <summary>Gets the database as named in the connection string (never the whole connection string, which may hold a password).</summary>
    public string DataSource { get; }

    /// <summary>Gets the full path of the database file, or <see langword="null"/> for an in-memory database or a URI.</summary>
    public string? FilePath { get; }

    /// <summary>Gets whether the database lives in memory (and dies with this instance).</summary>
    public bool IsMemory { get; }

    /// <summary>Gets what this database holds, for messages: "checkpointer" or "store".</summary>
    public string Component { get; }

    /// <summary>Gets the longest an operation waits for locks.</summary>
    public TimeSpan BusyTimeout => _busyTimeout;

    /// <summary>Runs <paramref name="work"/> in a transaction, waiting for locks and retrying on busy results until <see cref="BusyTimeout"/>.</summary>
    /// <remarks>
    /// With <paramref name="async"/> false every await below completes synchronously, so the sync path never blocks
    /// on asynchronous work. SQLite itself is synchronous: in async mode the waits (for the write gate, for another
    /// process's write lock, between retries) are asynchronous; statements run on the calling thread, as
    /// Microsoft.Data.Sqlite's own async methods do.
    /// </remarks>
    public async ValueTask<T> RunAsync<T>(bool async, SqliteAccess access, Func<SqliteSession, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var started = Stopwatch.GetTimestamp();
        var write = access is SqliteAccess.Write or SqliteAccess.Exclusive;
        SqliteException? lastBusy = null;
        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var remaining = Remaining(started);
            if (attempt > 0 && remaining <= TimeSpan.Zero)
            {
                throw new SqliteLockTimeoutException(DataSource, _busyTimeout, lastBusy);
            }

            var gate = write || IsMemory ? _writeGate : null;
            if (gate is not null)
            {
                var entered = async
                    ? await gate.WaitAsync(remaining, cancellationToken).ConfigureAwait(false)
                    : gate.Wait(remaining, cancellationToken);
                if (!entered)
                {
                    throw new SqliteLockTimeoutException(DataSource, _busyTimeout, lastBusy);
                }
            }

            try
            {
                var session = Rent();
                try
                {
                    if (access == SqliteAccess.Exclusive)
                    {
                        session.SetBusyTimeout(Remaining(started));
                        return work(session);
                    }

                    if (write)
                    {
                        // Another process holds the write lock for the few milliseconds of its commit: poll for it with
                        // short pauses. SQLite's busy handler would sleep up to 100 ms between tries (and the driver
                        // 150 ms), leaving the lock idle most of the time under contention.
                        var waitStarted = Stopwatch.GetTimestamp();
                        var pause = 0;
                        for (; !session.TryBeginImmediate(); pause++)
                        {
                            if (Remaining(started) <= TimeSpan.Zero)
                            {
                                throw new SqliteLockTimeoutException(DataSource, _busyTimeout, lastBusy);
                            }

                            await PauseAsync(async, LockPollInterval(pause), cancellationToken).ConfigureAwait(false);
                        }

                        if (pause > 0)
                        {
                            StorageDiagnostics.ReportLockWait("write", Stopwatch.GetElapsedTime(waitStarted));
                        }
                    }
                    else
                    {
                        session.Statement("BEGIN").Execute();
                    }

                    session.SetBusyTimeout(Remaining(started));
                    var result = work(session);
                    session.Statement("COMMIT").Execute();
                    return result;
                }
                catch (Exception e)
                {
                    Rollback(session);
                    if (e is SqliteException sqlite && !SqliteErrors.IsBusy(sqlite) && SqliteErrors.Translate(sqlite, this) is { } translated)
                    {
                        throw translated;
                    }

                    throw;
                }
                finally
                {
                    Return(session);
                }
            }
            catch (SqliteException e) when (SqliteErrors.IsBusy(e))
            {
                // A busy result inside the transaction (a refused read-to-write upgrade, WAL recovery by another
                // process): start the whole unit of work again.
                lastBusy = e;
                write |= access == SqliteAccess.ReadThenMaybeWrite;
                StorageDiagnostics.ReportRetry("database busy", attempt + 2);
            }
            finally
            {
                gate?.Release();
            }

            await PauseAsync(async, Backoff(attempt, Remaining(started)), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs <paramref name="work"/> synchronously; see <see cref="RunAsync"/>.</summary>
    public T Run<T>(SqliteAccess access, Func<SqliteSession, T> work) =>
        RunAsync(async: false, access, work, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Creates the database file when it does not exist yet (only Setup creates files).</summary>
    public void EnsureFileExists()
    {
        if (IsMemory || FilePath is null || File.Exists(FilePath))
        {
            return;
        }

        if (Directory.Exists(FilePath))
        {
            throw SqliteErrors.Unusable($"'{DataSource}' is a directory, not a SQLite database file. Point the connection string at a file inside it. Nothing was changed.", this, SqliteErrors.CannotOpen, null);
        }

        OpenConnection(_createConnectionString).Dispose();
    }

    /// <summary>Switches a file database to write-ahead logging (persistent in the file) unless it already uses it.</summary>
    public void EnsureWriteAheadLog(SqliteSession session)
    {
        if (IsMemory || _readOnly)
        {
            return;
        }

        var mode = Convert.ToString(session.Command("PRAGMA journal_mode").ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            session.Command("PRAGMA journal_mode = WAL").ExecuteScalar();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_memorySession is not null)
        {
            // Let a running operation finish before the connection (and with it the database) goes away.
            var entered = _writeGate.Wait(_busyTimeout);
            _memorySession.Dispose();
            if (entered)
            {
                _writeGate.Release();
            }

            return;
        }

        lock (_idleLock)
        {
            while (_idle.Count > 0)
            {
                _idle.Pop().Dispose();
            }
        }
    }

    private static bool IsUri(string dataSource) => dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    private static TimeSpan LockPollInterval(int pause) => TimeSpan.FromMilliseconds(pause < 50 ? 1 : 4);

    private static async ValueTask PauseAsync(bool async, TimeSpan pause, CancellationToken cancellationToken)
    {
        if (pause <= TimeSpan.Zero)
        {
            return;
        }

        if (async)
        {
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Thread.Sleep(pause);
        }
    }

    private TimeSpan Remaining(long started)
    {
        var remaining = _busyTimeout - Stopwatch.GetElapsedTime(started);
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    private static TimeSpan Backoff(int attempt, TimeSpan remaining)
    {
        var milliseconds = Math.Min(64, 1 << Math.Min(attempt, 6)) * (0.5 + (Random.Shared.NextDouble() / 2));
        var backoff = TimeSpan.FromMilliseconds(milliseconds);
        return remaining <= TimeSpan.Zero ? TimeSpan.Zero : backoff < remaining ? backoff : remaining;
    }

    private static void Rollback(SqliteSession session)
    {
        try
        {
            if (session.InTransaction)
            {
                session.Execute("ROLLBACK");
            }
        }
        catch (SqliteException)
        {
            session.IsBroken = true;
        }
    }

    private SqliteSession Rent()
    {
        if (_memorySession is not null)
        {
            return _memorySession;
        }

        lock (_idleLock)
        {
            if (_idle.Count > 0)
            {
                return _idle.Pop();
            }
        }

        var session = new SqliteSession(OpenConnection(_connectionString));
        try
        {
            session.Execute(_synchronousPragma!);
        }
        catch (SqliteException e)
        {
            session.Dispose();
            throw SqliteErrors.Translate(e, this) ?? e;
        }

        return session;
    }

    private void Return(SqliteSession session)
    {
        if (ReferenceEquals(session, _memorySession))
        {
            return;
        }

        lock (_idleLock)
        {
            if (!session.IsBroken && Volatile.Read(ref _disposed) == 0 && _idle.Count < MaxIdleSessions)
            {
                _idle.Push(session);
                return;
            }
        }

        session.Dispose();
    }

    private SqliteConnection OpenConnection(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw SqliteErrors.Translate(e, this) ?? e;
        }
    }
}
