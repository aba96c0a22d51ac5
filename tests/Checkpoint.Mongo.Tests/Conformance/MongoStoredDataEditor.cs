using Checkpoint.ConformanceSuite;
using Checkpoint.Mongo.Internal;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Tests.Conformance;

/// <summary>Edits a MongoDB saver's documents with plain driver calls, as any client with write access could.</summary>
/// <param name="database">The database.</param>
/// <param name="collectionPrefix">The saver's collection prefix.</param>
public sealed class MongoStoredDataEditor(IMongoDatabase database, string collectionPrefix = "") : StoredDataEditor
{
    private readonly SaverCollections _collections = new(database, collectionPrefix, WriteConcern.WMajority);
    private readonly StoreCollections _store = new(database, collectionPrefix, WriteConcern.WMajority);

    /// <inheritdoc />
    public override Task<SerializedValue?> ReadBlobAsync(string threadId, string checkpointNs, string channel, string version) =>
        ReadValueAsync(_collections.Blobs, SaverDocuments.BlobKey(threadId, checkpointNs, channel, version));

    /// <inheritdoc />
    public override Task ReplaceBlobAsync(string threadId, string checkpointNs, string channel, string version, SerializedValue value) =>
        _collections.Blobs.UpdateOneAsync(
            SaverDocuments.BlobKey(threadId, checkpointNs, channel, version),
            Builders<BsonDocument>.Update.Set(Fields.Value, Inline(value)).Set(Fields.TouchedAt, DateTime.UtcNow),
            new UpdateOptions { IsUpsert = true });

    /// <inheritdoc />
    public override Task DeleteBlobAsync(string threadId, string checkpointNs, string channel, string version) =>
        _collections.Blobs.DeleteOneAsync(SaverDocuments.BlobKey(threadId, checkpointNs, channel, version));

    /// <inheritdoc />
    public override Task<SerializedValue?> ReadWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index) =>
        ReadValueAsync(_collections.Writes, SaverDocuments.WriteKey(threadId, checkpointNs, checkpointId, taskId, index));

    /// <inheritdoc />
    public override Task ReplaceWriteAsync(string threadId, string checkpointNs, string checkpointId, string taskId, int index, SerializedValue value) =>
        _collections.Writes.UpdateOneAsync(SaverDocuments.WriteKey(threadId, checkpointNs, checkpointId, taskId, index), Builders<BsonDocument>.Update.Set(Fields.Value, Inline(value)));

    /// <inheritdoc />
    public override Task<bool> TryReplaceCheckpointAsync(string threadId, string checkpointNs, string checkpointId, string json) =>
        TryReplaceAsync(Fields.Checkpoint, threadId, checkpointNs, checkpointId, json);

    /// <inheritdoc />
    public override Task<bool> TryReplaceMetadataAsync(string threadId, string checkpointNs, string checkpointId, string json) =>
        TryReplaceAsync(Fields.Metadata, threadId, checkpointNs, checkpointId, json);

    private static BsonDocument Inline(SerializedValue value) => new() { { Fields.Type, value.Type }, { Fields.Data, new BsonBinaryData(value.Data) } };

    /// <inheritdoc />
    public override async Task<bool> TryReplaceItemDocumentAsync(StoreNamespace @namespace, string key, string json)
    {
        if (TryParse(json) is not { } value)
        {
            return false;
        }

        var result = await _store.Items.UpdateOneAsync(StoreQueries.ItemKey(@namespace, key), Builders<BsonDocument>.Update.Set(Fields.Value, value));
        return result.MatchedCount == 1 ? true : throw new InvalidOperationException($"No stored item '{key}' in namespace {@namespace}.");
    }

    private async Task<bool> TryReplaceAsync(string field, string threadId, string checkpointNs, string checkpointId, string json)
    {
        if (TryParse(json) is not { } value)
        {
            return false;
        }

        await _collections.Checkpoints.UpdateOneAsync(SaverDocuments.CheckpointKey(threadId, checkpointNs, checkpointId), Builders<BsonDocument>.Update.Set(field, value));
        return true;
    }

    private static BsonValue? TryParse(string json)
    {
        try
        {
            return BsonDocument.Parse("{\"v\": " + json + "}")["v"];
        }
        catch (Exception e) when (e is FormatException or BsonSerializationException)
        {
            // A document holds BSON, never malformed JSON.
            return null;
        }
    }

    private async Task<SerializedValue?> ReadValueAsync(IMongoCollection<BsonDocument> collection, FilterDefinition<BsonDocument> key)
    {
        var document = await collection.Find(key).FirstOrDefaultAsync();
        if (document is null)
        {
            return null;
        }

        var value = document[Fields.Value].AsBsonDocument;
        var chunks = ValueChunker.GetChunkSet(value) is { } set
            ? ValueChunker.GroupChunks(await _collections.Chunks.Find(new BsonDocument(Fields.ChunkSet, set)).ToListAsync())
            : [];
        return ValueChunker.Decode(value, chunks);
    }
}
