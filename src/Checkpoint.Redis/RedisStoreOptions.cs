namespace Checkpoint.Redis;

/// <summary>Options of <see cref="RedisStore"/>.</summary>
public sealed class RedisStoreOptions : StoreOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>.</summary>
    public const string DefaultKeyPrefix = "store:";

    /// <summary>
    /// Gets or sets the text every key starts with (default <c>store:</c>). It must not contain <c>{</c> or <c>}</c>:
    /// those would change the cluster hash tag.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>Gets or sets the logical database (standalone Redis only); -1 uses the connection's default.</summary>
    public int Database { get; set; } = -1;
}
