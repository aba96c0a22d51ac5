using MongoDB.Bson;
using MongoDB.Driver;

namespace Checkpoint.Mongo.Internal;

/// <summary>The indexes <see cref="StorageComponent.Setup"/> creates (schema version 1).</summary>
internal static class SaverIndexes
{
    /// <summary>The schema version these indexes belong to.</summary>
    public const int SchemaVersion = 1;

    /// <summary>The key of the saver's record in the migrations collection.</summary>
    public const string Component = "checkpointer";

    /// <summary>Gets the unique key of checkpoints: thread, namespace, checkpoint id descending (latest first).</summary>
    public static CreateIndexModel<BsonDocument> CheckpointKey { get; } = new(
        new BsonDocument { { Fields.ThreadId, 1 }, { Fields.CheckpointNs, 1 }, { Fields.CheckpointId, -1 } },
        new CreateIndexOptions { Name = "thread_ns_checkpoint", Unique = true });

    /// <summary>
    /// Gets the index that serves listing one thread across all its namespaces, newest first: without it such a list
    /// sorts the whole thread, or walks the cross-thread order past every other thread's checkpoints.
    /// </summary>
    public static CreateIndexModel<BsonDocument> ThreadOrder { get; } = new(
        new BsonDocument { { Fields.ThreadId, 1 }, { Fields.CheckpointId, -1 }, { Fields.CheckpointNs, 1 } },
        new CreateIndexOptions { Name = "thread_checkpoint_ns" });

    /// <summary>Gets the index that serves listing across threads, newest first.</summary>
    public static CreateIndexModel<BsonDocument> CheckpointOrder { get; } = new(
        new BsonDocument { { Fields.CheckpointId, -1 }, { Fields.ThreadId, 1 }, { Fields.CheckpointNs, 1 } },
        new CreateIndexOptions { Name = "checkpoint_thread_ns" });

    /// <summary>Gets the index that serves delete-for-runs.</summary>
    public static CreateIndexModel<BsonDocument> RunId { get; } = new(
        new BsonDocument(Fields.Metadata + ".run_id", 1),
        new CreateIndexOptions { Name = "metadata_run_id", Sparse = true });

    /// <summary>Gets the unique key of blobs: thread, namespace, channel, version.</summary>
    public static CreateIndexModel<BsonDocument> BlobKey { get; } = new(
        new BsonDocument { { Fields.ThreadId, 1 }, { Fields.CheckpointNs, 1 }, { Fields.Channel, 1 }, { Fields.Version, 1 } },
        new CreateIndexOptions { Name = "thread_ns_channel_version", Unique = true });

    /// <summary>Gets the unique key of pending writes: thread, namespace, checkpoint id, task id, index.</summary>
    public static CreateIndexModel<BsonDocument> WriteKey { get; } = new(
        new BsonDocument { { Fields.ThreadId, 1 }, { Fields.CheckpointNs, 1 }, { Fields.CheckpointId, -1 }, { Fields.TaskId, 1 }, { Fields.Index, 1 } },
        new CreateIndexOptions { Name = "thread_ns_checkpoint_task_idx", Unique = true });

    /// <summary>Gets the unique key of chunks: thread, set, number.</summary>
    public static CreateIndexModel<BsonDocument> ChunkKey { get; } = new(
        new BsonDocument { { Fields.ThreadId, 1 }, { Fields.ChunkSet, 1 }, { Fields.ChunkNumber, 1 } },
        new CreateIndexOptions { Name = "thread_set_n", Unique = true });
}
