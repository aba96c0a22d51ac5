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
    /// <summary>MongoDB's document limit: 16 MiB.</summary>
    public const int MaxDocumentBytes = 16 * 1024 * 1024;

    // Field names, types, _id and the touch time around the parts measured.
    private const int DocumentOverhead = 1024;

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
    /// <exception cref="ArgumentException">
    /// The metadata has a key with NUL or a number BSON cannot hold, or the checkpoint document would exceed MongoDB's
    /// 16 MiB document limit (values are stored apart and have no limit; metadata and the checkpoint's versions do).
    /// </exception>
    public static UpdateDefinition<BsonDocument> CheckpointUpsert(CheckpointPutRequest request, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var checkpoint = JsonBson.ToDocument(CheckpointJson.ToJsonObject(request.Checkpoint), "checkpoint");
        var metadata = JsonBson.ToDocument(request.Metadata.Values, "metadata");
        ThrowIfTooLarge(request, checkpoint, metadata);
        return Update
            .Set(Fields.Checkpoint, checkpoint)
            .Set(Fields.Metadata, metadata)
            .Set(Fields.TouchedAt, now)
            .SetOnInsert(Fields.ParentCheckpointId, request.ParentCheckpointId is null ? (BsonValue)BsonNull.Value : new BsonString(request.ParentCheckpointId));
    }

    /// <summary>
    /// Refuses, before any I/O, a checkpoint document larger than MongoDB stores: the server would refuse the write
    /// anyway, with an error that names neither the checkpoint nor what made it large.
    /// </summary>
    private static void ThrowIfTooLarge(CheckpointPutRequest request, BsonDocument checkpoint, BsonDocument metadata)
    {
        var keys = System.Text.Encoding.UTF8.GetByteCount(request.ThreadId) + System.Text.Encoding.UTF8.GetByteCount(request.CheckpointNs)
            + System.Text.Encoding.UTF8.GetByteCount(request.CheckpointId) + System.Text.Encoding.UTF8.GetByteCount(request.ParentCheckpointId ?? string.Empty);
        var checkpointBytes = BsonSize.Of(checkpoint);
        var metadataBytes = BsonSize.Of(metadata);
        if (keys + checkpointBytes + metadataBytes + DocumentOverhead > MaxDocumentBytes)
        {
            throw new ArgumentException(
                $"Checkpoint {request.CheckpointId} cannot be stored in MongoDB: its document would take {keys + checkpointBytes + metadataBytes + DocumentOverhead:N0} bytes " +
                $"(metadata {metadataBytes:N0}, checkpoint versions {checkpointBytes:N0}), over the 16 MiB document limit. Channel values have no such limit; " +
                "keep large data in channel values or the store, not in metadata.",
                nameof(request));
        }
    }

    /// <summary>Reads a checkpoint document.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The checkpoint without channel values, its metadata and parent.</returns>
    public static StoredCheckpoint ReadCheckpoint(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var threadId = document[Fields.ThreadId].AsString;
        var checkpointNs = document[Fields.CheckpointNs].AsString;
        var checkpointId = document[Fields.CheckpointId].AsString;
        var parent = document.GetValue(Fields.ParentCheckpointId, BsonNull.Value);
        GraphCheckpoint checkpoint;
        CheckpointMetadata metadata;
        try
        {
            checkpoint = CheckpointJson.FromJsonObject(JsonBson.ToJsonObject(document[Fields.Checkpoint].AsBsonDocument));
            metadata = new CheckpointMetadata(JsonBson.ToJsonObject(document.GetValue(Fields.Metadata, new BsonDocument()).AsBsonDocument));
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidCastException or KeyNotFoundException or ArgumentException or FormatException)
        {
            throw new CorruptCheckpointException(threadId, checkpointNs, checkpointId, $"its stored checkpoint or metadata document cannot be read ({e.Message})", e);
        }

        if (!string.Equals(checkpoint.Id, checkpointId, StringComparison.Ordinal))
        {
            throw new CorruptCheckpointException(threadId, checkpointNs, checkpointId, $"its stored checkpoint document carries another id ({checkpoint.Id})");
        }

        return new StoredCheckpoint(threadId, checkpointNs, checkpointId, parent.IsString ? parent.AsString : null, checkpoint, metadata);
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
