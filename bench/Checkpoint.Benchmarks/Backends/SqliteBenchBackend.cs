using Checkpoint.Sqlite;
using Microsoft.Data.Sqlite;

namespace Checkpoint.Benchmarks;

/// <summary>
/// The SQLite backend on a database file, at the durability chosen on the command line (default: every commit
/// flushed), with its driver floor on the same file and at the same durability.
/// </summary>
internal sealed class SqliteBenchBackend(string path, bool deleteOnDispose, SqliteDurability durability, ChunkCacheOptions chunkCache) : IBenchBackend
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    public string Name => "sqlite";

    public async Task<BaseCheckpointSaver> CreateSaverAsync()
    {
        var saver = new SqliteSaver(_connectionString, new SqliteSaverOptions { Durability = durability, ChunkCache = chunkCache });
        await saver.SetupAsync().ConfigureAwait(false);
        return saver;
    }

    public async Task<BaseStore> CreateStoreAsync(StoreIndexOptions index)
    {
        var store = new SqliteStore(_connectionString, new SqliteStoreOptions { Index = index, Durability = durability });
        await store.SetupAsync().ConfigureAwait(false);
        return store;
    }

    public Task<long?> MeasureThreadBytesAsync(string threadId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT coalesce(sum(length(checkpoint) + length(metadata)), 0) FROM checkpoints WHERE thread_id = $t)
                 + (SELECT coalesce(sum(length(blob)), 0) FROM checkpoint_blobs WHERE thread_id = $t)
                 + (SELECT coalesce(sum(length(blob)), 0) FROM checkpoint_writes WHERE thread_id = $t)
            """;
        command.Parameters.AddWithValue("$t", threadId);
        return Task.FromResult<long?>(Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The file's size once the write-ahead log is folded into it (what a backup or a disk quota sees).</summary>
    public Task<long?> MeasureDatabaseBytesAsync()
    {
        using (var connection = Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            command.ExecuteNonQuery();
        }

        var wal = new FileInfo(path + "-wal");
        return Task.FromResult<long?>(new FileInfo(path).Length + (wal.Exists ? wal.Length : 0));
    }

    public Task<IDriverFloor?> CreateFloorAsync()
    {
        var connection = Open();
        using (var command = connection.CreateCommand())
        {
            var synchronous = durability == SqliteDurability.Full ? "FULL" : "NORMAL";
            command.CommandText = $"PRAGMA synchronous = {synchronous}; CREATE TABLE IF NOT EXISTS bench_floor (key TEXT PRIMARY KEY, payload BLOB)";
            command.ExecuteNonQuery();
        }

        return Task.FromResult<IDriverFloor?>(new Floor(connection));
    }

    public ValueTask DisposeAsync()
    {
        if (deleteOnDispose)
        {
            foreach (var file in (string[])[path, path + "-wal", path + "-shm"])
            {
                File.Delete(file);
            }
        }

        return ValueTask.CompletedTask;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>
    /// The best the driver does: one open connection, each statement prepared once with its parameters bound anew per
    /// call; an insert is its own (autocommit) transaction, flushed as the durability setting says.
    /// </summary>
    private sealed class Floor : IDriverFloor
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _select;

        public Floor(SqliteConnection connection)
        {
            _connection = connection;
            _insert = connection.CreateCommand();
            _insert.CommandText = "INSERT OR REPLACE INTO bench_floor (key, payload) VALUES ($k, $p)";
            _insert.Parameters.Add("$k", SqliteType.Text);
            _insert.Parameters.Add("$p", SqliteType.Blob);
            _insert.Prepare();

            // The payload itself is read, as a get-tuple reads its values (length() alone would not touch the pages).
            _select = connection.CreateCommand();
            _select.CommandText = "SELECT payload FROM bench_floor WHERE key = $k";
            _select.Parameters.Add("$k", SqliteType.Text);
            _select.Prepare();
        }

        public Task InsertAsync(string key, byte[] payload)
        {
            _insert.Parameters[0].Value = key;
            _insert.Parameters[1].Value = payload;
            _insert.ExecuteNonQuery();
            return Task.CompletedTask;
        }

        public Task<byte[]> SelectAsync(string key)
        {
            _select.Parameters[0].Value = key;
            return Task.FromResult(_select.ExecuteScalar() as byte[] ?? []);
        }

        public async ValueTask DisposeAsync()
        {
            await _insert.DisposeAsync().ConfigureAwait(false);
            await _select.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
