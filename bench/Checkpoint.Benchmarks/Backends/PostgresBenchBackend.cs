using Checkpoint.Postgres;
using Npgsql;

namespace Checkpoint.Benchmarks;

/// <summary>
/// The PostgreSQL backend in a fresh schema (dropped afterwards), and its driver floor: a one-row upsert and a one-row
/// select by primary key through the same data source (same pool).
/// </summary>
internal sealed class PostgresBenchBackend : IBenchBackend
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema = "bench_" + Guid.NewGuid().ToString("N")[..12];

    public PostgresBenchBackend(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name => "postgres";

    public async Task<BaseCheckpointSaver> CreateSaverAsync()
    {
        var saver = new PostgresSaver(_dataSource, new PostgresSaverOptions { SchemaName = _schema });
        await saver.SetupAsync().ConfigureAwait(false);
        return saver;
    }

    /// <summary>The on-disk size of the thread's rows (<c>pg_column_size</c> of whole rows, TOASTed values included compressed).</summary>
    public async Task<long?> MeasureThreadBytesAsync(string threadId)
    {
        await using var command = _dataSource.CreateCommand($"""
            SELECT (SELECT coalesce(sum(pg_column_size(c.*)), 0) FROM "{_schema}".checkpoints c WHERE thread_id = $1)
                 + (SELECT coalesce(sum(pg_column_size(b.*)), 0) FROM "{_schema}".checkpoint_blobs b WHERE thread_id = $1)
                 + (SELECT coalesce(sum(pg_column_size(w.*)), 0) FROM "{_schema}".checkpoint_writes w WHERE thread_id = $1)
            """);
        command.Parameters.AddWithValue(threadId);
        return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IDriverFloor?> CreateFloorAsync()
    {
        await using var command = _dataSource.CreateCommand($"""CREATE TABLE IF NOT EXISTS "{_schema}".bench_floor (key text PRIMARY KEY, payload bytea)""");
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return new Floor(_dataSource, _schema);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var command = _dataSource.CreateCommand($"""DROP SCHEMA IF EXISTS "{_schema}" CASCADE"""))
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class Floor(NpgsqlDataSource dataSource, string schema) : IDriverFloor
    {
        private readonly string _insert = $"""INSERT INTO "{schema}".bench_floor (key, payload) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET payload = excluded.payload""";
        private readonly string _select = $"""SELECT payload FROM "{schema}".bench_floor WHERE key = $1""";

        public async Task InsertAsync(string key, byte[] payload)
        {
            await using var command = dataSource.CreateCommand(_insert);
            command.Parameters.AddWithValue(key);
            command.Parameters.AddWithValue(payload);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        public async Task<byte[]> SelectAsync(string key)
        {
            await using var command = dataSource.CreateCommand(_select);
            command.Parameters.AddWithValue(key);
            return (byte[]?)await command.ExecuteScalarAsync().ConfigureAwait(false) ?? [];
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
