using System.Diagnostics;
using Checkpoint.Providers;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres.Internal;

/// <summary>
/// Applies versioned migrations to one schema component (checkpointer or store), recording each version in its
/// migrations table, with one code path for sync and async callers.
/// </summary>
/// <remarks>
/// <para>
/// Concurrent setups (many processes starting at once) are serialised by a session-level advisory lock, one per schema
/// and shared by every component, so a checkpointer and a store setting up one schema at the same instant never run
/// their DDL at the same time (PostgreSQL does not make <c>CREATE SCHEMA IF NOT EXISTS</c> race-free: two sessions can
/// both miss the schema and one fails on <c>pg_namespace</c>'s unique index). The lock is taken with
/// <c>pg_try_advisory_lock</c> in a polling loop rather than a blocking <c>pg_advisory_lock</c>: a backend blocked
/// inside a statement keeps a snapshot open, and <c>CREATE INDEX CONCURRENTLY</c> waits for every open snapshot, so the
/// lock holder building an index and a blocked waiter would deadlock.
/// </para>
/// <para>
/// Whatever the lock cannot cover (a setup by another tool, such as LangGraph's, or by another version of this
/// library) is covered by re-checking: a creation that fails because a concurrent session created the same object
/// (<c>23505</c> on a catalog index, <c>42P06</c>, <c>42P07</c>, <c>42710</c>) counts as done when the object, or the
/// migration's recorded version, is there now.
/// </para>
/// <para>
/// Transactional steps run in one implicit transaction with the recording of their version. Concurrent index builds
/// run on their own (they cannot run in a transaction); an invalid index left by an interrupted build is dropped
/// first, and <c>IF NOT EXISTS</c> makes a build that finished before its version was recorded harmless.
/// </para>
/// </remarks>
internal sealed partial class SchemaMigrator(PostgresExecutor executor, SchemaName schema, bool transactionPooling, string component, string migrationsTable, IReadOnlyList<Migration> migrations)
{
    private static readonly TimeSpan MinLockPollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxLockPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Gets the newest version the code knows.</summary>
    public int LatestVersion { get; } = migrations[^1].Version;

    private string QualifiedTable => schema.Qualify(migrationsTable);

    private string ComponentDescription => $"PostgreSQL {component} schema \"{schema.Name}\"";

    public async Task MigrateAsync(bool async, CancellationToken cancellationToken)
    {
        await using var connection = await executor.OpenAsync(async, cancellationToken).ConfigureAwait(false);

        // The common case, an application restarting against a current schema, needs no lock and no DDL.
        if (await ReadVersionAsync(async, connection, cancellationToken).ConfigureAwait(false) is var known && known >= LatestVersion)
        {
            ThrowIfNewer(known);
            return;
        }

        var key = AdvisoryLockKey.For(schema.Name);
        if (transactionPooling)
        {
            await MigrateInOneTransactionAsync(async, connection, key, cancellationToken).ConfigureAwait(false);
            return;
        }

        await AcquireLockAsync(async, connection, key, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSchemaAndTableAsync(async, connection, cancellationToken).ConfigureAwait(false);
            var current = await ReadVersionAsync(async, connection, cancellationToken).ConfigureAwait(false);
            ThrowIfNewer(current);
            foreach (var migration in migrations)
            {
                if (migration.Version > current)
                {
                    await ApplyOnceAsync(async, connection, migration, cancellationToken).ConfigureAwait(false);
                    StorageDiagnostics.ReportMigrationApplied(migration.Version);
                }
            }
        }
        finally
        {
            await ReleaseLockAsync(async, connection, key).ConfigureAwait(false);
        }
    }

    private void ThrowIfNewer(int version)
    {
        if (version > LatestVersion)
        {
            throw new SchemaVersionException(ComponentDescription, version, LatestVersion);
        }
    }

    /// <summary>Reads the highest recorded version; -1 when the migrations table does not exist or is empty.</summary>
    private async Task<int> ReadVersionAsync(bool async, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(async, connection, "SELECT to_regclass($1) IS NOT NULL", QualifiedTable, cancellationToken).ConfigureAwait(false))
        {
            return -1;
        }

        await using var command = new NpgsqlCommand($"SELECT coalesce(max(v), -1) FROM {QualifiedTable}", connection);
        var result = async ? await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteScalar();
        return Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task EnsureSchemaAndTableAsync(bool async, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // Checked first so that a user without CREATE rights can still run Setup against a schema made by an admin.
        await CreateUnlessExistsAsync(
            async,
            connection,
            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)",
            schema.Name,
            $"CREATE SCHEMA IF NOT EXISTS {schema.Quoted}",
            cancellationToken).ConfigureAwait(false);
        await CreateUnlessExistsAsync(
            async,
            connection,
            "SELECT to_regclass($1) IS NOT NULL",
            QualifiedTable,
            $"CREATE TABLE IF NOT EXISTS {QualifiedTable} (v INTEGER PRIMARY KEY)",
            cancellationToken).ConfigureAwait(false);
    }

    private static bool IsConcurrentCreation(PostgresException e) =>
        e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject;

    /// <summary>Runs <paramref name="create"/> unless <paramref name="exists"/> says the object is there, and counts a concurrent session's creation of it as done.</summary>
    private static async Task CreateUnlessExistsAsync(bool async, NpgsqlConnection connection, string exists, string name, string create, CancellationToken cancellationToken)
    {
        if (await ExistsAsync(async, connection, exists, name, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await ExecuteAsync(async, connection, create, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (IsConcurrentCreation(e))
        {
            if (!await ExistsAsync(async, connection, exists, name, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    /// <summary>Applies a migration, counting a concurrent session's application of it (by another tool or version) as done.</summary>
    private async Task ApplyOnceAsync(bool async, NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        try
        {
            await ApplyAsync(async, connection, migration, transaction: null, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (IsConcurrentCreation(e))
        {
            if (await ReadVersionAsync(async, connection, cancellationToken).ConfigureAwait(false) < migration.Version)
            {
                throw;
            }
        }
    }

    private async Task ApplyAsync(bool async, NpgsqlConnection connection, Migration migration, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var record = new NpgsqlBatchCommand($"INSERT INTO {QualifiedTable} (v) VALUES ($1) ON CONFLICT (v) DO NOTHING");
        record.Parameters.Add(new NpgsqlParameter { Value = migration.Version, NpgsqlDbType = NpgsqlDbType.Integer });
        if (migration.IsTransactional)
        {
            // The step and its record commit together or not at all: in the caller's transaction, else in one implicit
            // transaction (synchronously, one the executor opens, so no statement is sent from the thread pool).
            await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { new NpgsqlBatchCommand(migration.Sql), record } };
            await executor.ExecuteNonQueryAsync(async, batch, allowPrepare: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        await DropInvalidIndexAsync(async, connection, migration.ConcurrentIndex!, concurrently: true, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(async, connection, migration.Sql, cancellationToken).ConfigureAwait(false);
        await using var recordBatch = new NpgsqlBatch(connection) { BatchCommands = { record } };
        _ = async ? await recordBatch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : recordBatch.ExecuteNonQuery();
    }

    private async Task DropInvalidIndexAsync(bool async, NpgsqlConnection connection, string index, bool concurrently, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT EXISTS (
                SELECT 1 FROM pg_index i
                JOIN pg_class c ON c.oid = i.indexrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = $1 AND c.relname = $2 AND NOT i.indisvalid)
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = schema.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = index });
        var invalid = (bool)(async ? await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteScalar())!;
        if (invalid)
        {
            await ExecuteAsync(async, connection, $"DROP INDEX {(concurrently ? "CONCURRENTLY " : string.Empty)}IF EXISTS {schema.Qualify(index)}", cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task AcquireLockAsync(bool async, NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        var wait = MinLockPollInterval;
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            await using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = key, NpgsqlDbType = NpgsqlDbType.Bigint });
                if ((bool)(async ? await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteScalar())!)
                {
                    if (attempt > 1)
                    {
                        StorageDiagnostics.ReportLockWait("migration", Stopwatch.GetElapsedTime(started));
                    }

                    return;
                }
            }

            // Another process is migrating this schema; wait outside any statement (see the class remarks).
            wait = await PauseAsync(async, wait, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits <paramref name="wait"/> and returns the next, longer wait (up to the maximum poll interval).</summary>
    private static async Task<TimeSpan> PauseAsync(bool async, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (async)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.Sleep(wait);
        }

        return TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, MaxLockPollInterval.Ticks));
    }

    private static async Task ReleaseLockAsync(bool async, NpgsqlConnection connection, long key)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = key, NpgsqlDbType = NpgsqlDbType.Bigint });
            _ = async ? await command.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false) : command.ExecuteScalar();
        }
        catch (NpgsqlException)
        {
            // The connection is broken, and with it the session: the server has released the lock already. The
            // original failure, if any, is the one worth reporting.
        }
    }

    private static async Task<bool> ExistsAsync(bool async, NpgsqlConnection connection, string sql, string argument, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = argument });
        return (bool)(async ? await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteScalar())!;
    }

    private static async Task ExecuteAsync(bool async, NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        _ = async ? await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteNonQuery();
    }

    /// <summary>Reads the recorded version and the steps <see cref="MigrateAsync"/> would apply, changing nothing.</summary>
    public async Task<SchemaStatus> ReadStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await executor.OpenAsync(async: true, cancellationToken).ConfigureAwait(false);
        var version = await ReadVersionAsync(async: true, connection, cancellationToken).ConfigureAwait(false);
        // Behind a transaction-mode pooler Setup builds indexes without CONCURRENTLY: show what it would run.
        var pending = migrations.Where(m => m.Version > version).Select(m => new SchemaMigration(m.Version, (transactionPooling ? m.InTransaction() : m).Sql)).ToList();
        if (version < 0 && pending.Count > 0
            && !await ExistsAsync(async: true, connection, "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", schema.Name, cancellationToken).ConfigureAwait(false))
        {
            pending[0] = pending[0] with { Script = $"CREATE SCHEMA IF NOT EXISTS {schema.Quoted};\n{pending[0].Script}" };
        }

        return new SchemaStatus(ComponentDescription, version < 0 ? null : version, LatestVersion, pending);
    }
}
