using Checkpoint.ConformanceSuite;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres.Tests.Conformance;

/// <summary>Edits a PostgreSQL checkpoint schema with plain SQL, as any user with write access could.</summary>
/// <param name="dataSource">The database.</param>
/// <param name="schema">The schema the saver uses.</param>
public sealed class PostgresStoredDataEditor(NpgsqlDataSource dataSource, string schema) : StoredDataEditor
{
    private const string BlobKey = "thread_id = $1 AND checkpoint_ns = $2 AND channel = $3 AND version = $4";
    private const string WriteKey = "thread_id = $1 AND checkpoint_ns = $2 AND checkpoint_id = $3 AND task_id = $4 AND idx = $5";
    private const string CheckpointKey = "thread_id = $1 AND checkpoint_ns = $2 AND checkpoint_id = $3";

    private string Table(string name) => $"\"{schema}\".{name}";

    /// <inheritdoc />
    public override Task<SerializedValue?> ReadBlobAsync(string threadId, string checkpointNs, string channel, string version) =>
        ReadValueAsync($"SELECT type, blob FROM {Table("checkpoint_blobs")} WHERE {BlobKey}", threadId, checkpointNs, channel, version);

    /// <inheritdoc />
    public override Task ReplaceBlobAsync(string threadId, string checkpointNs, string channel, string version, SerializedValue value) =>
        ExecuteAsync(
            $"""
            INSERT INTO {Table("checkpoint_blobs")} (thread_id, checkpoint_ns, channel, version, type, blob) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (thread_id, checkpoint_ns, channel, version) DO UPDATE SET type = excluded.type, blob = excluded.blob
            """,
            threadId, checkpointNs, channel, version, value.Type, value.Data);

    /// <inheritdoc />
    public override Task DeleteBlobAsync(string threadId, string checkpointNs, string channel, string version) =>
        ExecuteAsync($"DELETE FROM {Table("checkpoint_blobs")} WHERE {BlobKey}", threadId, checkpointNs, channel, version);

    /// <inheritdoc />
    public override Task<SerializedValue?> ReadWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index) =>
        ReadValueAsync($"SELECT type, blob FROM {Table("checkpoint_writes")} WHERE {WriteKey}", threadId, checkpointNs, checkpointId, taskId, index);

    /// <inheritdoc />
    public override Task ReplaceWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index, SerializedValue value) =>
        ExecuteAsync($"UPDATE {Table("checkpoint_writes")} SET type = $6, blob = $7 WHERE {WriteKey}", threadId, checkpointNs, checkpointId, taskId, index, value.Type, value.Data);

    /// <inheritdoc />
    public override Task<bool> TryReplaceCheckpointAsync(string threadId, string checkpointNs, string checkpointId, string json) =>
        TryReplaceJsonAsync("checkpoint", threadId, checkpointNs, checkpointId, json);

    /// <inheritdoc />
    public override Task<bool> TryReplaceMetadataAsync(string threadId, string checkpointNs, string checkpointId, string json) =>
        TryReplaceJsonAsync("metadata", threadId, checkpointNs, checkpointId, json);

    /// <inheritdoc />
    public override async Task<bool> TryReplaceItemDocumentAsync(StoreNamespace @namespace, string key, string json)
    {
        try
        {
            await ExecuteAsync($"UPDATE {Table("store")} SET value = $3::jsonb WHERE prefix = $1 AND key = $2", @namespace.Path, key, json).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidTextRepresentation)
        {
            return false;
        }
    }

    private async Task<bool> TryReplaceJsonAsync(string column, string threadId, string checkpointNs, string checkpointId, string json)
    {
        try
        {
            await ExecuteAsync($"UPDATE {Table("checkpoints")} SET {column} = $4::jsonb WHERE {CheckpointKey}", threadId, checkpointNs, checkpointId, json).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidTextRepresentation)
        {
            // A jsonb column holds only valid JSON.
            return false;
        }
    }

    private async Task<SerializedValue?> ReadValueAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false)
            ? new SerializedValue(reader.GetString(0), reader.IsDBNull(1) ? [] : reader.GetFieldValue<byte[]>(1))
            : null;
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = Command(sql, parameters);
        if (await command.ExecuteNonQueryAsync().ConfigureAwait(false) != 1)
        {
            throw new InvalidOperationException($"The edit changed no row: {sql}");
        }
    }

    private NpgsqlCommand Command(string sql, object[] parameters)
    {
        var command = dataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            command.Parameters.Add(value is byte[] bytes ? new NpgsqlParameter { Value = bytes, NpgsqlDbType = NpgsqlDbType.Bytea } : new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
