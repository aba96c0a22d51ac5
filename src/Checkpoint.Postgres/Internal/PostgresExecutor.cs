using Npgsql;

namespace Checkpoint.Postgres.Internal;

/// <summary>
/// Opens pooled connections and runs batches, sync or async through one code path, preparing statements unless the
/// caller runs behind a transaction-mode pooler, and translating input errors.
/// </summary>
/// <param name="dataSource">The data source; its pool is shared by every concurrent caller.</param>
/// <param name="prepare">
/// Whether to prepare statements. A statement already prepared on a pooled physical connection is not prepared
/// again, so in steady state every operation is still a single round trip.
/// </param>
/// <param name="component">What this executor serves, named when the schema has not been set up.</param>
internal sealed class PostgresExecutor(NpgsqlDataSource dataSource, bool prepare, string component)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public async ValueTask<NpgsqlConnection> OpenAsync(bool async, CancellationToken cancellationToken) =>
        async ? await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false) : DataSource.OpenConnection();

    public NpgsqlConnection Open() => DataSource.OpenConnection();

    public Task<int> ExecuteNonQueryAsync(bool async, NpgsqlBatch batch, CancellationToken cancellationToken) =>
        ExecuteNonQueryAsync(async, batch, allowPrepare: true, cancellationToken);

    public async Task<int> ExecuteNonQueryAsync(bool async, NpgsqlBatch batch, bool allowPrepare, CancellationToken cancellationToken)
    {
        try
        {
            if (!async && batch.BatchCommands.Count > 1)
            {
                return ExecuteEachInTransaction(batch, allowPrepare, static one => one.ExecuteNonQuery()).Sum();
            }

            await PrepareAsync(async, allowPrepare, batch, cancellationToken).ConfigureAwait(false);
            return async ? await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : batch.ExecuteNonQuery();
        }
        catch (PostgresException e) when (Translate(e, batch, allowPrepare) is { } translated)
        {
            throw translated;
        }
    }

    public Task<NpgsqlDataReader> ExecuteReaderAsync(bool async, NpgsqlBatch batch, CancellationToken cancellationToken) =>
        ExecuteReaderAsync(async, batch, allowPrepare: true, cancellationToken);

    public async Task<NpgsqlDataReader> ExecuteReaderAsync(bool async, NpgsqlBatch batch, bool allowPrepare, CancellationToken cancellationToken)
    {
        ThrowIfSynchronousBatch(async, batch);
        try
        {
            await PrepareAsync(async, allowPrepare, batch, cancellationToken).ConfigureAwait(false);
            return async ? await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false) : batch.ExecuteReader();
        }
        catch (PostgresException e) when (Translate(e, batch, allowPrepare) is { } translated)
        {
            throw translated;
        }
    }

    public Task<object?> ExecuteScalarAsync(bool async, NpgsqlBatch batch, CancellationToken cancellationToken) =>
        ExecuteScalarAsync(async, batch, allowPrepare: true, cancellationToken);

    public async Task<object?> ExecuteScalarAsync(bool async, NpgsqlBatch batch, bool allowPrepare, CancellationToken cancellationToken)
    {
        ThrowIfSynchronousBatch(async, batch);
        try
        {
            await PrepareAsync(async, allowPrepare, batch, cancellationToken).ConfigureAwait(false);
            return async ? await batch.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : batch.ExecuteScalar();
        }
        catch (PostgresException e) when (Translate(e, batch, allowPrepare) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Moves to the next result set, translating input errors raised by later statements of the batch.</summary>
    public async Task<bool> NextResultAsync(bool async, NpgsqlBatch batch, bool allowPrepare, NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return async ? await reader.NextResultAsync(cancellationToken).ConfigureAwait(false) : reader.NextResult();
        }
        catch (PostgresException e) when (Translate(e, batch, allowPrepare) is { } translated)
        {
            throw translated;
        }
    }

    private Exception? Translate(PostgresException e, NpgsqlBatch batch, bool allowPrepare) => PostgresErrors.Translate(e, batch, prepared: prepare && allowPrepare, component);

    /// <summary>
    /// Runs a synchronous multi-statement batch one statement per round trip inside one transaction (the batch's, or
    /// one of its own), calling <paramref name="execute"/> on a batch holding just that statement. Npgsql sends the
    /// second and later statements of a synchronous batch from the thread pool, so under thread-pool starvation (many
    /// callers blocking in synchronous calls) such a batch waits for a thread that never comes and times out, then
    /// hangs in cleanup. Single statements are sent on the calling thread.
    /// </summary>
    public List<T> ExecuteEachInTransaction<T>(NpgsqlBatch batch, bool allowPrepare, Func<NpgsqlBatch, T> execute)
    {
        var connection = batch.Connection ?? throw new InvalidOperationException("The batch has no connection.");
        var commands = batch.BatchCommands.Cast<NpgsqlBatchCommand>().ToList();
        batch.BatchCommands.Clear();
        var own = batch.Transaction is null ? connection.BeginTransaction() : null;
        try
        {
            var results = new List<T>(commands.Count);
            foreach (var command in commands)
            {
                using var one = new NpgsqlBatch(connection, batch.Transaction ?? own) { BatchCommands = { command } };
                try
                {
                    // Synchronous, so the task is already complete.
                    PrepareAsync(async: false, allowPrepare, one, CancellationToken.None).GetAwaiter().GetResult();
                    results.Add(execute(one));
                }
                catch (PostgresException e) when (Translate(e, one, allowPrepare) is { } translated)
                {
                    // Translated here: the caller's batch no longer holds the statement whose input caused the error.
                    throw translated;
                }
            }

            own?.Commit();
            return results;
        }
        finally
        {
            own?.Dispose();
        }
    }

    // Rows of a synchronous batch are read one statement at a time (see ExecuteEachInTransaction); a caller that needs
    // them from several statements runs that itself.
    private static void ThrowIfSynchronousBatch(bool async, NpgsqlBatch batch)
    {
        if (!async && batch.BatchCommands.Count > 1)
        {
            throw new InvalidOperationException("A synchronous batch that returns rows must hold one statement: Npgsql sends later statements from the thread pool.");
        }
    }

    private async Task PrepareAsync(bool async, bool allowPrepare, NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        // Statements whose text varies with the request (filters, namespace patterns) are not prepared: each text
        // would stay prepared on its connection for the connection's lifetime.
        if (!prepare || !allowPrepare)
        {
            return;
        }

        if (async)
        {
            await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            batch.Prepare();
        }
    }
}
