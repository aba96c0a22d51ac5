using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis.Tests.Support;

/// <summary>Edits a Redis saver's and store's keys with plain commands, as any client of the server could.</summary>
/// <param name="connection">The server.</param>
/// <param name="prefix">The saver's key prefix.</param>
/// <param name="storePrefix">The store's key prefix.</param>
public sealed class RedisStoredDataEditor(IConnectionMultiplexer connection, string prefix, string storePrefix) : StoredDataEditor
{
    private IDatabase Database => connection.GetDatabase();

    /// <inheritdoc />
    public override async Task<SerializedValue?> ReadBlobAsync(string threadId, string checkpointNs, string channel, string version)
    {
        var stored = await Database.HashGetAsync(Keys(threadId)[ThreadKeys.Blobs], OrdinalEncoding.Join(checkpointNs, channel, version));
        return stored.IsNull ? null : RecordCodec.DecodeValue((byte[])stored!);
    }

    /// <inheritdoc />
    public override Task ReplaceBlobAsync(string threadId, string checkpointNs, string channel, string version, SerializedValue value) =>
        Database.HashSetAsync(Keys(threadId)[ThreadKeys.Blobs], OrdinalEncoding.Join(checkpointNs, channel, version), RecordCodec.EncodeValue(value));

    /// <inheritdoc />
    public override Task DeleteBlobAsync(string threadId, string checkpointNs, string channel, string version) =>
        Database.HashDeleteAsync(Keys(threadId)[ThreadKeys.Blobs], OrdinalEncoding.Join(checkpointNs, channel, version));

    /// <inheritdoc />
    public override async Task<SerializedValue?> ReadWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index)
    {
        var stored = await Database.HashGetAsync(Keys(threadId)[ThreadKeys.Writes], WriteField(checkpointNs, checkpointId, taskId, index));
        return stored.IsNull ? null : RecordCodec.DecodeWrite((byte[])stored!).Value;
    }

    /// <inheritdoc />
    public override async Task ReplaceWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index, SerializedValue value)
    {
        var key = Keys(threadId)[ThreadKeys.Writes];
        var field = WriteField(checkpointNs, checkpointId, taskId, index);
        var write = RecordCodec.DecodeWrite((byte[])(await Database.HashGetAsync(key, field))!);
        await Database.HashSetAsync(key, field, RecordCodec.EncodeWrite(write with { Value = value }));
    }

    /// <inheritdoc />
    public override Task<bool> TryReplaceCheckpointAsync(string threadId, string checkpointNs, string checkpointId, string json) =>
        ReplaceRowFieldAsync((byte)'c', threadId, checkpointNs, checkpointId, json);

    /// <inheritdoc />
    public override Task<bool> TryReplaceMetadataAsync(string threadId, string checkpointNs, string checkpointId, string json) =>
        ReplaceRowFieldAsync((byte)'m', threadId, checkpointNs, checkpointId, json);

    /// <inheritdoc />
    public override async Task<bool> TryReplaceItemDocumentAsync(StoreNamespace @namespace, string key, string json)
    {
        var items = StoreKeys.For(storePrefix, @namespace)[StoreKeys.Items];
        var field = (RedisValue)OrdinalEncoding.Encode(key);
        if (!await Database.HashExistsAsync(items, field))
        {
            throw new InvalidOperationException($"No stored item '{key}' in namespace {@namespace}.");
        }

        await Database.HashSetAsync(items, field, json);
        return true;
    }

    // Fields of the checkpoints hash are a one-letter kind followed by the row key.
    private async Task<bool> ReplaceRowFieldAsync(byte kind, string threadId, string checkpointNs, string checkpointId, string json)
    {
        var field = (RedisValue)(byte[])[kind, .. OrdinalEncoding.Join(checkpointNs, checkpointId)];
        var key = Keys(threadId)[ThreadKeys.Checkpoints];
        if (!await Database.HashExistsAsync(key, field))
        {
            throw new InvalidOperationException($"No stored checkpoint {checkpointId} in thread '{threadId}'.");
        }

        await Database.HashSetAsync(key, field, json);
        return true;
    }

    private static byte[] WriteField(string ns, string checkpointId, string taskId, int index) =>
        [.. OrdinalEncoding.WithSeparator(OrdinalEncoding.Join(ns, checkpointId, taskId)), .. RecordCodec.EncodeIndex(index)];

    private RedisKey[] Keys(string threadId) => ThreadKeys.For(prefix, threadId);
}
