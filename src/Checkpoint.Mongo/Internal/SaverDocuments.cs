using Checkpoint.Providers;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// Maps checkpoints, channel values (blobs) and pending writes to the documents the saver stores, and back.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>checkpoints</c>: <c>{ thread_id, checkpoint_ns, checkpoint_id, parent_checkpoint_id, checkpoint, metadata, touched_at }</c>;
/// <c>checkpoint</c> is <see cref="CheckpointJson"/> as BSON, <c>metadata</c> the metadata as BSON (queryable by key).</item>
/// <item><c>checkpoint_blobs</c>: <c>{ thread_id, checkpoint_ns, channel, version, value, touched_at }</c>.</item>
/// <item><c>checkpoint_writes</c>: <c>{ thread_id, checkpoint_ns, checkpoint_id, task_id, idx, channel, task_path, value, touched_at }</c>.</item>
/// </list>
/// A <c>value</c> is encoded by <see cref="ValueChunker"/>.
/// </remarks>
internal static class SaverDocuments
{
    private static FilterDefinitionBuilder<BsonDocument> Filter => Builders<BsonDocument>.Filter;

    private static UpdateDefinitionBuilder<BsonDocument> Update => Builders<BsonDocument>.Update;

    /// <summary>The filter of one checkpoint document.</summary>
    public static FilterDefinition<BsonDocument> CheckpointKey(string threadId, string checkpointNs, string checkpointId) =>
        new BsonDocument { { Fields.ThreadId, threadId }, { Fields.CheckpointNs, checkpointNs }, { Fields.CheckpointId, checkpointId } };

    /// <summary>
    /// The upsert of a checkpoint: content and metadata are replaced, the parent is only written when the document is
    /// created (putting an existing id again keeps the parent first recorded).
    /// </summary>
    /// <param name="request">The put.</param>
    /// <param name="now">The write time.</param>
    /// <returns>The update.</returns>
    /// <exception cref="ArgumentException">The metadata has a key with NUL or a number BSON cannot hold.</exception>
    public static UpdateDefinition<BsonDocument> CheckpointUpsert(CheckpointPutRequest request, DateTime now) =>
        Update
            .Set(Fields.Checkpoint, JsonBson.ToDocument(CheckpointJson.ToJsonObject(request.Checkpoint), "checkpoint"))
            .Set(Fields.Metadata, JsonBson.ToDocument(request.Metadata.Values, "metadata"))
            .Set(Fields.TouchedAt, now)
            .SetOnInsert(Fields.ParentCheckpointId, request.ParentCheckpointId is null ? (BsonValue)BsonNull.Value : new BsonString(request.ParentCheckpointId));

    /// <summary>Reads a checkpoint document.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The checkpoint without channel values, its metadata and parent.</returns>
    public static StoredCheckpoint ReadCheckpoint(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var parent = document.GetValue(Fields.ParentCheckpointId, BsonNull.Value);
        return new StoredCheckpoint(
            document[Fields.ThreadId].AsString,
            document[Fields.CheckpointNs].AsString,
            document[Fields.CheckpointId].AsString,
            parent.IsString ? parent.AsString : null,
            CheckpointJson.FromJsonObject(JsonBson.ToJsonObject(document[Fields.Checkpoint].AsBsonDocument)),
            new CheckpointMetadata(JsonBson.ToJsonObject(document.GetValue(Fields.Metadata, new BsonDocument()).AsBsonDocument)));
    }

    /// <summary>The filter of one blob document.</summary>
    public static FilterDefinition<BsonDocument> BlobKey(string threadId, string checkpointNs, string channel, string version) =>
        new BsonDocument { { Fields.ThreadId, threadId }, { Fields.CheckpointNs, checkpointNs }, { Fields.Channel, channel }, { Fields.Version, version } };

    /// <summary>
    /// The insert-if-absent of a blob (blobs are immutable per version). The touch time is always set, so a blob that a
    /// put in flight rewrites is not taken for a crash orphan by a concurrent prune.
    /// </summary>
    public static UpdateDefinition<BsonDocument> BlobUpsert(EncodedValue value, DateTime now) =>
        Update.SetOnInsert(Fields.Value, value.Document).Set(Fields.TouchedAt, now);

    /// <summary>Reads a blob document.</summary>
    public static StoredBlob ReadBlob(BsonDocument document) => new(
        document[Fields.ThreadId].AsString,
        document[Fields.CheckpointNs].AsString,
        document[Fields.Channel].AsString,
        document[Fields.Version].AsString,
        document[Fields.Value].AsBsonDocument);

    /// <summary>The filter of one pending-write document.</summary>
    public static FilterDefinition<BsonDocument> WriteKey(string threadId, string checkpointNs, string checkpointId, string taskId, int index) =>
        new BsonDocument
        {
            { Fields.ThreadId, threadId },
            { Fields.CheckpointNs, checkpointNs },
            { Fields.CheckpointId, checkpointId },
            { Fields.TaskId, taskId },
            { Fields.Index, index },
        };

    /// <summary>
    /// The upsert of a pending write: a special write (negative index) replaces the stored one (<c>$set</c>); a regular
    /// write is insert-if-absent (<c>$setOnInsert</c>), so a retried call changes nothing.
    /// </summary>
    public static UpdateDefinition<BsonDocument> WriteUpsert(SerializedWrite write, EncodedValue value, DateTime now)
    {
        var content = new BsonDocument
        {
            { Fields.Channel, write.Channel },
            { Fields.TaskPath, write.TaskPath },
            { Fields.Value, value.Document },
        };
        return write.IsUpsert
            ? new BsonDocument { { "$set", content.Add(Fields.TouchedAt, now) } }
            : new BsonDocument { { "$setOnInsert", content }, { "$set", new BsonDocument(Fields.TouchedAt, now) } };
    }

    /// <summary>Reads a pending-write document.</summary>
    public static StoredWrite ReadWrite(BsonDocument document) => new(
        document[Fields.ThreadId].AsString,
        document[Fields.CheckpointNs].AsString,
        document[Fields.CheckpointId].AsString,
        document[Fields.TaskId].AsString,
        document.GetValue(Fields.TaskPath, string.Empty).AsString,
        document[Fields.Index].ToInt32(),
        document[Fields.Channel].AsString,
        document[Fields.Value].AsBsonDocument);
}
