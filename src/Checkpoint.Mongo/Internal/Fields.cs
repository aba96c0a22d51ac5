namespace Checkpoint.Mongo.Internal;

/// <summary>The field names of every document this package writes (one place, so queries and mappings agree).</summary>
internal static class Fields
{
    public const string Id = "_id";
    public const string ThreadId = "thread_id";
    public const string CheckpointNs = "checkpoint_ns";
    public const string CheckpointId = "checkpoint_id";
    public const string ParentCheckpointId = "parent_checkpoint_id";
    public const string Checkpoint = "checkpoint";
    public const string Metadata = "metadata";
    public const string Channel = "channel";
    public const string Version = "version";
    public const string TaskId = "task_id";
    public const string TaskPath = "task_path";
    public const string Index = "idx";
    public const string Value = "value";
    public const string TouchedAt = "touched_at";

    // Inside a stored value.
    public const string Type = "type";
    public const string Data = "data";
    public const string Size = "size";
    public const string ChunkCount = "chunks";
    public const string ChunkSet = "set";

    // A chunk.
    public const string ChunkNumber = "n";

    // The schema record.
    public const string SchemaVersion = "version";

    // A store item.
    public const string Namespace = "namespace";
    public const string NamespacePath = "ns_path";
    public const string Key = "key";
    public const string CreatedAt = "created_at";
    public const string UpdatedAt = "updated_at";
    public const string TtlMilliseconds = "ttl_ms";
    public const string ExpiresAt = "expires_at";
    public const string PurgeAt = "purge_at";
    public const string Embeddings = "embeddings";
    public const string Field = "field";
    public const string Vector = "vector";
}
