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
internal sealed class PostgresExecutor(NpgsqlDataSource dataSource, bool prepare)
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

    private Exception? Translate(PostgresException e, NpgsqlBatch batch, bool allowPrepare) => PostgresErrors.Translate(e, batch, prepared: prepare && allowPrepare);

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
