namespace Checkpoint.Mongo;

/// <summary>Options of <see cref="MongoSaver"/>.</summary>
public sealed class MongoSaverOptions : CheckpointSaverOptions
{
    /// <summary>The default <see cref="ChunkSize"/>: 8 MiB, half of MongoDB's 16 MB document limit.</summary>
    public const int DefaultChunkSize = 8 * 1024 * 1024;

    /// <summary>
    /// Gets or sets a prefix for the collection names (default none): <c>checkpoints</c>, <c>checkpoint_blobs</c>,
    /// <c>checkpoint_writes</c>, <c>checkpoint_chunks</c> and <c>checkpoint_migrations</c>. Use it to keep several
    /// applications in one database.
    /// </summary>
    public string CollectionPrefix { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the largest value, in bytes, stored inside its document (default <see cref="DefaultChunkSize"/>).
    /// Longer values are split into chunk documents of this size, so no single value is bound by the 16 MB document
    /// limit. Between 1 byte and 15 MiB.
    /// </summary>
    public int ChunkSize { get; set; } = DefaultChunkSize;

    /// <summary>
    /// Gets or sets the write concern of every write (default <see cref="MongoDB.Driver.WriteConcern.WMajority"/>, whatever the
    /// client's): a checkpoint acknowledged by a majority survives the failover of a replica set. <see langword="null"/>
    /// uses the database's. Reads always use read concern "majority". An unacknowledged write concern (w:0) is refused
    /// when the saver is created.
    /// </summary>
    public MongoDB.Driver.WriteConcern? WriteConcern { get; set; } = MongoDB.Driver.WriteConcern.WMajority;

    /// <summary>
    /// Gets or sets when a put or put-writes runs in a transaction (default <see cref="MongoTransactionMode.Auto"/>).
    /// Operations over a whole thread (delete, prune, copy, delete for runs) never do.
    /// </summary>
    public MongoTransactionMode Transactions { get; set; } = MongoTransactionMode.Auto;

    /// <summary>
    /// Gets or sets how old a value or chunk that no checkpoint refers to must be before prune removes it as the
    /// leftover of a crashed write (default 1 hour). Values of the checkpoints a prune removes go at once; this only
    /// protects a put that is still in flight from a concurrent prune.
    /// </summary>
    public TimeSpan OrphanGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the clock of the write times used by <see cref="OrphanGracePeriod"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
