using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres.Internal;

/// <content>
/// Setup behind a transaction-mode pooler, where a session-level lock would be taken on one server connection and
/// released (or not) on another: the whole migration runs in one transaction under <c>pg_try_advisory_xact_lock</c>,
/// which the server releases at commit or rollback whatever happens to the client. It uses the same key as the session
/// lock, so setups through the pooler and over direct connections still run one at a time.
/// </content>
internal sealed partial class SchemaMigrator
{
    // Retries after a concurrent creation by a setup this lock does not cover (another tool, another library version).
    private const int MaxTransactionAttempts = 5;

    private async Task MigrateInOneTransactionAsync(bool async, NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        var wait = MinLockPollInterval;
        var attempt = 0;
        while (true)
        {
            try
            {
                await using var transaction = async
                    ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
                    : connection.BeginTransaction();
                if (!await TryTransactionLockAsync(async, connection, key, cancellationToken).ConfigureAwait(false))
                {
                    // Ending the transaction drops its snapshot, so a holder building an index concurrently over a
                    // direct connection never waits for this one (see the class remarks).
                    await RollbackAsync(async, transaction).ConfigureAwait(false);
                    wait = await PauseAsync(async, wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                await EnsureSchemaAndTableAsync(async, connection, cancellationToken).ConfigureAwait(false);
                var current = await ReadVersionAsync(async, connection, cancellationToken).ConfigureAwait(false);
                ThrowIfNewer(current);
                foreach (var migration in migrations)
                {
                    if (migration.Version > current)
                    {
                        await ApplyInTransactionAsync(async, connection, transaction, migration, cancellationToken).ConfigureAwait(false);
                    }
                }

                if (async)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    transaction.Commit();
                }

                return;
            }
            catch (PostgresException e) when (++attempt < MaxTransactionAttempts && IsRetryableInTransaction(e))
            {
                // Rolled back whole (disposing the transaction); the next attempt sees what the other session created.
            }
        }
    }

    private async Task ApplyInTransactionAsync(bool async, NpgsqlConnection connection, NpgsqlTransaction transaction, Migration migration, CancellationToken cancellationToken)
    {
        if (migration.ConcurrentIndex is { } index)
        {
            // An invalid index left by an interrupted concurrent build would satisfy IF NOT EXISTS.
            await DropInvalidIndexAsync(async, connection, index, concurrently: false, cancellationToken).ConfigureAwait(false);
        }

        await ApplyAsync(async, connection, migration.InTransaction(), transaction, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> TryTransactionLockAsync(bool async, NpgsqlConnection connection, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = key, NpgsqlDbType = NpgsqlDbType.Bigint });
        return (bool)(async ? await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : command.ExecuteScalar())!;
    }

    private static async Task RollbackAsync(bool async, NpgsqlTransaction transaction)
    {
        if (async)
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            transaction.Rollback();
        }
    }

    // A creation that raced a session outside the lock (unique violation on a catalog, duplicate schema, table or
    // object), a deadlock with such a session, or a statement refused because such an error already aborted the
    // transaction: all rolled back whole, so retrying is safe.
    private static bool IsRetryableInTransaction(PostgresException e) => e.SqlState is
        PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateSchema or PostgresErrorCodes.DuplicateTable
        or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.InFailedSqlTransaction;
}
