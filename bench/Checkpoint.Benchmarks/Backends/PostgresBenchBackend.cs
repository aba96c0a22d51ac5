using Checkpoint.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Benchmarks;

/// <summary>
/// The PostgreSQL backend in a fresh schema (dropped afterwards), and its driver floor: a one-row upsert and a one-row
/// select by primary key on one open connection of the same data source, with prepared statements.
/// </summary>
internal sealed class PostgresBenchBackend : IBenchBackend
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
    private readonly ChunkCacheOptions _chunkCache;

    public PostgresBenchBackend(string connectionString, ChunkCacheOptions chunkCache)
    {
        _chunkCache = chunkCache;
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name => "postgres";

    public async Task<BaseCheckpointSaver> CreateSaverAsync()
    {
        var saver = new PostgresSaver(_dataSource, new PostgresSaverOptions { SchemaName = _schema, ChunkCache = _chunkCache });
        await saver.SetupAsync().ConfigureAwait(false);
        return saver;
    }

    public async Task<BaseStore> CreateStoreAsync(StoreIndexOptions index)
    {
        var store = new PostgresStore(_dataSource, new PostgresStoreOptions { SchemaName = _schema, Index = index });
        await store.SetupAsync().ConfigureAwait(false);
        return store;
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

    /// <summary>The total relation size (heap, indexes, TOAST) of every table in the run's schema.</summary>
    public async Task<long?> MeasureDatabaseBytesAsync()
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND c.relkind = 'r'
            """);
        command.Parameters.AddWithValue(_schema);
        return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IDriverFloor?> CreateFloorAsync()
    {
        await using (var command = _dataSource.CreateCommand($"""CREATE TABLE IF NOT EXISTS "{_schema}".bench_floor (key text PRIMARY KEY, payload bytea)"""))
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return await Floor.OpenAsync(_dataSource, _schema).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var command = _dataSource.CreateCommand($"""DROP SCHEMA IF EXISTS "{_schema}" CASCADE"""))
        {
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The best the driver does: one open connection, both statements prepared once, typed parameters reused.</summary>
    private sealed class Floor : IDriverFloor
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlCommand _insert;
        private readonly NpgsqlCommand _select;

        private Floor(NpgsqlConnection connection, string schema)
        {
            _connection = connection;
            _insert = new NpgsqlCommand($"""INSERT INTO "{schema}".bench_floor (key, payload) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET payload = excluded.payload""", connection)
            {
                Parameters = { new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text }, new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea } },
            };
            _select = new NpgsqlCommand($"""SELECT payload FROM "{schema}".bench_floor WHERE key = $1""", connection)
            {
                Parameters = { new NpgsqlParameter<string> { NpgsqlDbType = NpgsqlDbType.Text } },
            };
        }

        public static async Task<IDriverFloor> OpenAsync(NpgsqlDataSource dataSource, string schema)
        {
            var floor = new Floor(await dataSource.OpenConnectionAsync().ConfigureAwait(false), schema);
            await floor._insert.PrepareAsync().ConfigureAwait(false);
            await floor._select.PrepareAsync().ConfigureAwait(false);
            return floor;
        }

        public async Task InsertAsync(string key, byte[] payload)
        {
            ((NpgsqlParameter<string>)_insert.Parameters[0]).TypedValue = key;
            ((NpgsqlParameter<byte[]>)_insert.Parameters[1]).TypedValue = payload;
            await _insert.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        public async Task<byte[]> SelectAsync(string key)
        {
            ((NpgsqlParameter<string>)_select.Parameters[0]).TypedValue = key;
            return (byte[]?)await _select.ExecuteScalarAsync().ConfigureAwait(false) ?? [];
        }

        public async ValueTask DisposeAsync()
        {
            await _insert.DisposeAsync().ConfigureAwait(false);
            await _select.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
