using Checkpoint.ConformanceSuite;
using Microsoft.Data.Sqlite;

namespace Checkpoint.Sqlite.Tests.Conformance;

/// <summary>A fresh database file no other test uses.</summary>
/// <param name="path">The file's path (not created yet).</param>
public sealed class SqliteTestDatabase(string path) : TestDatabase
{
    /// <summary>Gets the connection string of the file.</summary>
    public string ConnectionString { get; } = $"Data Source={path}";

    /// <inheritdoc />
    public override StoredDataEditor Editor => new SqliteStoredDataEditor(ConnectionString);

    /// <inheritdoc />
    public override BaseCheckpointSaver CreateSaver() => new SqliteSaver(ConnectionString);

    /// <inheritdoc />
    public override BaseStore CreateStore(StoreOptions options) => new SqliteStore(ConnectionString, SqliteTestStore.ToSqliteOptions(options));

    /// <inheritdoc />
    public override int CurrentSchemaVersion(SchemaComponent component) =>
        component == SchemaComponent.Checkpointer ? SqliteSaver.CurrentSchemaVersion : SqliteStore.CurrentSchemaVersion;

    /// <inheritdoc />
    public override Task<int> GetSchemaVersionAsync(SchemaComponent component)
    {
        if (!File.Exists(path))
        {
            return Task.FromResult(0);
        }

        using var connection = Open();
        var table = MigrationsTable(component);
        using var exists = connection.CreateCommand();
        exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $table";
        exists.Parameters.AddWithValue("$table", table);
        if ((long)exists.ExecuteScalar()! == 0)
        {
            return Task.FromResult(0);
        }

        using var max = connection.CreateCommand();
        max.CommandText = $"SELECT coalesce(max(v), 0) FROM {table}";
        return Task.FromResult((int)(long)max.ExecuteScalar()!);
    }

    /// <inheritdoc />
    public override Task SetSchemaVersionAsync(SchemaComponent component, int version)
    {
        using var connection = Open(SqliteOpenMode.ReadWriteCreate);
        var table = MigrationsTable(component);
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE IF NOT EXISTS {table} (v INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
            INSERT OR IGNORE INTO {table} (v, applied_at) VALUES ($v, 'set by a test');
            """;
        command.Parameters.AddWithValue("$v", version);
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        foreach (var file in (string[])[path, path + "-wal", path + "-shm", path + "-journal"])
        {
            File.Delete(file);
        }

        return base.DisposeAsync();
    }

    private static string MigrationsTable(SchemaComponent component) =>
        component == SchemaComponent.Checkpointer ? "checkpoint_migrations" : "store_migrations";

    private SqliteConnection Open(SqliteOpenMode mode = SqliteOpenMode.ReadWrite)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}
