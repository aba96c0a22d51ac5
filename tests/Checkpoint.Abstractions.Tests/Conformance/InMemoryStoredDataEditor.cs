using Checkpoint.ConformanceSuite;

namespace Checkpoint.Abstractions.Tests.Conformance;

/// <summary>Edits an <see cref="InMemoryCheckpointDatabase"/> and an <see cref="InMemoryStoreDatabase"/> directly, as a database user would edit rows.</summary>
/// <param name="database">The checkpoint database.</param>
/// <param name="items">The store database.</param>
public sealed class InMemoryStoredDataEditor(InMemoryCheckpointDatabase database, InMemoryStoreDatabase items) : StoredDataEditor
{
    /// <inheritdoc />
    public override Task<SerializedValue?> ReadBlobAsync(string threadId, string checkpointNs, string channel, string version) =>
        Task.FromResult(Edit(threadId, t => t.Blobs.TryGetValue((checkpointNs, channel, version), out var value) ? value : (SerializedValue?)null));

    /// <inheritdoc />
    public override Task ReplaceBlobAsync(string threadId, string checkpointNs, string channel, string version, SerializedValue value) =>
        Task.FromResult(Edit(threadId, t => t.Blobs[(checkpointNs, channel, version)] = value));

    /// <inheritdoc />
    public override Task DeleteBlobAsync(string threadId, string checkpointNs, string channel, string version) =>
        Task.FromResult(Edit(threadId, t => t.Blobs.Remove((checkpointNs, channel, version))));

    /// <inheritdoc />
    public override Task<SerializedValue?> ReadWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index) =>
        Task.FromResult(Edit(threadId, t =>
            t.Writes.TryGetValue((checkpointNs, checkpointId), out var writes) && writes.TryGetValue((taskId, index), out var write) ? write.Value : (SerializedValue?)null));

    /// <inheritdoc />
    public override Task ReplaceWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index, SerializedValue value) =>
        Task.FromResult(Edit(threadId, t =>
        {
            var writes = t.Writes[(checkpointNs, checkpointId)];
            writes[(taskId, index)] = writes[(taskId, index)] with { Value = value };
            return true;
        }));

    /// <inheritdoc />
    public override Task<bool> TryReplaceCheckpointAsync(string threadId, string checkpointNs, string checkpointId, string json) =>
        Task.FromResult(Edit(threadId, t =>
        {
            var byId = t.Namespaces[checkpointNs];
            byId[checkpointId] = byId[checkpointId] with { CheckpointJson = json };
            return true;
        }));

    /// <inheritdoc />
    public override Task<bool> TryReplaceMetadataAsync(string threadId, string checkpointNs, string checkpointId, string json) =>
        Task.FromResult(Edit(threadId, t =>
        {
            var byId = t.Namespaces[checkpointNs];
            byId[checkpointId] = byId[checkpointId] with { MetadataJson = json };
            return true;
        }));

    /// <inheritdoc />
    public override Task<bool> TryReplaceItemDocumentAsync(StoreNamespace @namespace, string key, string json)
    {
        lock (items.Gate)
        {
            var stored = items.Items.Find(@namespace, key) ?? throw new InvalidOperationException($"No stored item '{key}' in namespace {@namespace}.");
            items.Items.Set(new StoredItem
            {
                Namespace = stored.Namespace,
                Key = stored.Key,
                ValueJson = json,
                CreatedAt = stored.CreatedAt,
                UpdatedAt = stored.UpdatedAt,
                Ttl = stored.Ttl,
                ExpiresAt = stored.ExpiresAt,
                Embeddings = stored.Embeddings,
            });
            return Task.FromResult(true);
        }
    }

    private T Edit<T>(string threadId, Func<InMemoryThread, T> edit)
    {
        lock (database.Gate)
        {
            return edit(database.Threads[threadId]);
        }
    }
}
