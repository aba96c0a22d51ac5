using Checkpoint.Mongo.Internal;
using MongoDB.Driver;

namespace Checkpoint.Mongo;

/// <summary>
/// A long-term memory store on MongoDB: one document per item, its JSON value stored as BSON so filters run on the
/// server, time to live decided against <see cref="StoreOptions.TimeProvider"/>, and semantic search scored in process
/// (no Atlas Search or vector index needed).
/// </summary>
/// <remarks>
/// Call <see cref="StorageComponent.Setup"/> once (it creates the indexes). Instances are thread-safe; register one as a singleton.
/// </remarks>
public sealed partial class MongoStore : BaseStore
{
    private readonly StoreCollections _collections;

    // Asks the server once (hello) whether it is new enough, for every Setup of this store.
    private readonly MongoServer _server;

    /// <summary>Initializes a store over a database; the caller owns the client behind it.</summary>
    /// <param name="database">The database.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are inconsistent.</exception>
    public MongoStore(IMongoDatabase database, MongoStoreOptions? options = null)
        : this(database, options ?? new MongoStoreOptions(), ownedClient: null)
    {
    }

    private MongoStore(IMongoDatabase database, MongoStoreOptions options, IMongoClient? ownedClient)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options.CollectionPrefix, nameof(options));
        if (options.TtlIndexGracePeriod is { } grace && grace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), grace, "MongoStoreOptions.TtlIndexGracePeriod cannot be negative.");
        }

        Database = database;
        MongoOptions = options;
        _server = new MongoServer(database);
        _collections = new StoreCollections(database, options.CollectionPrefix, MongoConcerns.Resolve(options.WriteConcern ?? database.Settings.WriteConcern, nameof(options)));
        if (ownedClient is not null)
        {
            Own(ownedClient);
        }
    }

    /// <summary>Gets the schema version <see cref="StorageComponent.Setup"/> records.</summary>
    public static int CurrentSchemaVersion { get; } = StoreCollections.SchemaVersion;

    /// <summary>Gets the database the store uses.</summary>
    public IMongoDatabase Database { get; }

    /// <summary>Gets the collections as configured (write and read concerns), for tests.</summary>
    internal StoreCollections Collections => _collections;

    /// <inheritdoc />
    protected override string DatabaseSystemName => "mongodb";

    /// <inheritdoc />
    protected override string? DatabaseNamespace => Database.DatabaseNamespace.DatabaseName;

    private MongoStoreOptions MongoOptions { get; }

    /// <summary>
    /// Creates a store that owns a new client for <paramref name="connectionString"/> and disposes it with the store.
    /// </summary>
    /// <param name="connectionString">A <c>mongodb://</c> or <c>mongodb+srv://</c> URL.</param>
    /// <param name="databaseName">The database; the one named in the URL when <see langword="null"/>.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The store.</returns>
    /// <exception cref="ArgumentException">The URL is malformed, or no database is named.</exception>
    public static MongoStore FromConnectionString(string connectionString, string? databaseName = null, MongoStoreOptions? options = null)
    {
        var (client, database) = MongoConnection.Open(connectionString, databaseName);
        return CreateOwning(client, owned => new MongoStore(database, options ?? new MongoStoreOptions(), owned));
    }

    /// <summary>Deletes every expired item in one statement.</summary>
    /// <inheritdoc />
    protected override async Task<int> SweepExpiredCore(bool async, CancellationToken cancellationToken) =>
        (int)await MongoIo.DeleteManyAsync(async, _collections.Items, null, StoreQueries.Expired(GetNow().UtcDateTime), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Checks the server is MongoDB 5.0 or newer, creates the indexes, and MongoDB's TTL index as a space backstop when
    /// <see cref="StoreOptions.Ttl"/> is configured.
    /// </summary>
    /// <inheritdoc />
    protected override async Task SetupCore(bool async, CancellationToken cancellationToken)
    {
        await _server.HelloAsync(async, cancellationToken).ConfigureAwait(false);
        await SchemaRecord.SetupAsync(
            async,
            _collections.Migrations,
            StoreCollections.Component,
            SchemaDescription,
            CurrentSchemaVersion,
            () => MongoIo.CreateIndexesAsync(
                async,
                _collections.Items,
                Options.Ttl is not null && MongoOptions.TtlIndexGracePeriod is not null
                    ? [StoreCollections.ItemKey, StoreCollections.Expiry, StoreCollections.Recent, StoreCollections.Purge]
                    : [StoreCollections.ItemKey, StoreCollections.Expiry, StoreCollections.Recent],
                cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The date MongoDB's TTL index may delete an item expiring at <paramref name="expiresAt"/>; <see langword="null"/> when the server clock must not decide.</summary>
    private DateTime? PurgeAt(DateTime? expiresAt) => StoreQueries.PurgeAt(expiresAt, MongoOptions.TtlIndexGracePeriod, Options.TimeProvider);
}
