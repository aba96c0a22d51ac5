using Checkpoint.Sqlite;
using Microsoft.Data.Sqlite;

namespace Checkpoint.Benchmarks;

/// <summary>The SQLite backend on a database file (default durability: every commit flushed), with its driver floor on the same file.</summary>
internal sealed class SqliteBenchBackend(string path, bool deleteOnDispose) : IBenchBackend
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    public string Name => "sqlite";

    public async Task<BaseCheckpointSaver> CreateSaverAsync()
    {
        var saver = new SqliteSaver(_connectionString);
        await saver.SetupAsync().ConfigureAwait(false);
        return saver;
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

    public Task<IDriverFloor?> CreateFloorAsync()
    {
        var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL; CREATE TABLE IF NOT EXISTS bench_floor (key TEXT PRIMARY KEY, payload BLOB)";
        command.ExecuteNonQuery();
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

    /// <summary>A one-row insert (its own transaction) and a one-row select by key, on one open connection.</summary>
    private sealed class Floor(SqliteConnection connection) : IDriverFloor
    {
        public Task InsertAsync(string key, byte[] payload)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO bench_floor (key, payload) VALUES ($k, $p)";
            command.Parameters.AddWithValue("$k", key);
            command.Parameters.AddWithValue("$p", payload);
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        }

        public Task<byte[]> SelectAsync(string key)
        {
            using var command = connection.CreateCommand();
            // The payload itself is read, as a get-tuple reads its values (length() alone would not touch the pages).
            command.CommandText = "SELECT payload FROM bench_floor WHERE key = $k";
            command.Parameters.AddWithValue("$k", key);
            return Task.FromResult(command.ExecuteScalar() as byte[] ?? []);
        }

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
