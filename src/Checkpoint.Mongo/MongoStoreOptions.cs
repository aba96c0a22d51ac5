namespace Checkpoint.Mongo;

/// <summary>Options of <see cref="MongoStore"/>.</summary>
public sealed class MongoStoreOptions : StoreOptions
{
    /// <summary>
    /// Gets or sets a prefix for the collection names (default none): <c>store_items</c> and <c>store_migrations</c>.
    /// </summary>
    public string CollectionPrefix { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets the write concern of every write (default <see cref="MongoDB.Driver.WriteConcern.WMajority"/>, whatever the
    /// client's); <see langword="null"/> uses the database's. Reads always use read concern "majority". An unacknowledged
    /// write concern (w:0) is refused when the store is created.
    /// </summary>
    public MongoDB.Driver.WriteConcern? WriteConcern { get; set; } = MongoDB.Driver.WriteConcern.WMajority;

    /// <summary>
    /// Gets or sets how long after its expiry MongoDB's TTL monitor may delete an item on its own (default 1 day), as a
    /// space backstop behind <see cref="BaseStore.SweepExpired"/>; <see langword="null"/> for no TTL index.
    /// </summary>
    /// <remarks>
    /// Expiry is always decided against <see cref="StoreOptions.TimeProvider"/>: expired items are never returned,
    /// whether or not they are deleted yet. The TTL index runs on the server's clock, so it is only given dates
    /// (<c>purge_at</c>) when the store uses <see cref="TimeProvider.System"/>, and then only this long after the
    /// expiry, so clock skew never lets it delete an item the store still considers alive. <see cref="StorageComponent.Setup"/>
    /// creates the index when <see cref="StoreOptions.Ttl"/> is configured.
    /// </remarks>
    public TimeSpan? TtlIndexGracePeriod { get; set; } = TimeSpan.FromDays(1);
}
