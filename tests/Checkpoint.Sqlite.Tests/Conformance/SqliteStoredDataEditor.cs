using Checkpoint.ConformanceSuite;
using Microsoft.Data.Sqlite;

namespace Checkpoint.Sqlite.Tests.Conformance;

/// <summary>Edits a SQLite checkpoint database with plain SQL, as anyone with the file could.</summary>
/// <param name="connectionString">The database.</param>
public sealed class SqliteStoredDataEditor(string connectionString) : StoredDataEditor
{
    /// <inheritdoc />
    public override Task<bool> TryReplaceItemDocumentAsync(StoreNamespace @namespace, string key, string json)
    {
        Execute("UPDATE store SET value = $value WHERE prefix = $prefix AND key = $key", ("$value", json), ("$prefix", @namespace.Path), ("$key", key));
        return Task.FromResult(true);
    }

    private const string BlobKey = "thread_id = $thread AND checkpoint_ns = $ns AND channel = $channel AND version = $version";
    private const string WriteKey = "thread_id = $thread AND checkpoint_ns = $ns AND checkpoint_id = $id AND task_id = $task AND idx = $idx";
    private const string CheckpointKey = "thread_id = $thread AND checkpoint_ns = $ns AND checkpoint_id = $id";

    /// <inheritdoc />
    public override Task<SerializedValue?> ReadBlobAsync(string threadId, string checkpointNs, string channel, string version) =>
        Task.FromResult(ReadValue($"SELECT type, blob FROM checkpoint_blobs WHERE {BlobKey}", ("$thread", threadId), ("$ns", checkpointNs), ("$channel", channel), ("$version", version)));

    /// <inheritdoc />
    public override Task ReplaceBlobAsync(string threadId, string checkpointNs, string channel, string version, SerializedValue value)
    {
        Execute(
            "INSERT OR REPLACE INTO checkpoint_blobs (thread_id, checkpoint_ns, channel, version, type, blob) VALUES ($thread, $ns, $channel, $version, $type, $blob)",
            ("$thread", threadId), ("$ns", checkpointNs), ("$channel", channel), ("$version", version), ("$type", value.Type), ("$blob", value.Data));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task DeleteBlobAsync(string threadId, string checkpointNs, string channel, string version)
    {
        Execute($"DELETE FROM checkpoint_blobs WHERE {BlobKey}", ("$thread", threadId), ("$ns", checkpointNs), ("$channel", channel), ("$version", version));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<SerializedValue?> ReadWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index) =>
        Task.FromResult(ReadValue($"SELECT type, blob FROM checkpoint_writes WHERE {WriteKey}", ("$thread", threadId), ("$ns", checkpointNs), ("$id", checkpointId), ("$task", taskId), ("$idx", index)));

    /// <inheritdoc />
    public override Task ReplaceWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index, SerializedValue value)
    {
        Execute(
            $"UPDATE checkpoint_writes SET type = $type, blob = $blob WHERE {WriteKey}",
            ("$thread", threadId), ("$ns", checkpointNs), ("$id", checkpointId), ("$task", taskId), ("$idx", index), ("$type", value.Type), ("$blob", value.Data));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task<bool> TryReplaceCheckpointAsync(string threadId, string checkpointNs, string checkpointId, string json)
    {
        Execute($"UPDATE checkpoints SET checkpoint = $json WHERE {CheckpointKey}", ("$thread", threadId), ("$ns", checkpointNs), ("$id", checkpointId), ("$json", json));
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public override Task<bool> TryReplaceMetadataAsync(string threadId, string checkpointNs, string checkpointId, string json)
    {
        try
        {
            Execute($"UPDATE checkpoints SET metadata = $json WHERE {CheckpointKey}", ("$thread", threadId), ("$ns", checkpointNs), ("$id", checkpointId), ("$json", json));
            return Task.FromResult(true);
        }
        catch (SqliteException e) when (e.Message.Contains("malformed JSON", StringComparison.Ordinal))
        {
            // The index on metadata's run_id evaluates the JSON, so the table cannot hold malformed metadata.
            return Task.FromResult(false);
        }
    }

    private SerializedValue? ReadValue(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new SerializedValue(reader.GetString(0), reader.IsDBNull(1) ? [] : (byte[])reader.GetValue(1)) : null;
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = Command(connection, sql, parameters);
        if (command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException($"The edit changed no row: {sql}");
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }
}
