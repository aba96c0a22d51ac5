namespace Checkpoint.Redis;

/// <summary>Options of <see cref="RedisSaver"/>.</summary>
public sealed class RedisSaverOptions : CheckpointSaverOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "checkpoint:";

    /// <summary>
    /// Gets or sets the text every key starts with (default <c>checkpoint:</c>). Give each application its own prefix
    /// to share one Redis. It must not contain <c>{</c> or <c>}</c>: those would change the cluster hash tag.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>Gets or sets the logical database (standalone Redis only); -1 uses the connection's default.</summary>
    public int Database { get; set; } = -1;

    /// <summary>
    /// Gets or sets a time to live for everything a thread owns. Every write restarts it for all of the thread's keys,
    /// so a thread expires as a whole, after this long without writes (or reads, with <see cref="RefreshTtlOnRead"/>).
    /// <see langword="null"/> (the default) keeps threads until they are deleted.
    /// </summary>
    public TimeSpan? Ttl { get; set; }

    /// <summary>Gets or sets whether reading a checkpoint (get, list) restarts the thread's <see cref="Ttl"/> (default <see langword="false"/>).</summary>
    public bool RefreshTtlOnRead { get; set; }
}
