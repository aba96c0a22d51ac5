using Checkpoint.Mongo.Internal;
using MongoDB.Driver;

namespace Checkpoint.Mongo;

/// <summary>
/// A checkpointer on MongoDB: checkpoints, channel values and pending writes live in separate collections, so no
/// document holds a thread's history and no thread is bound by the 16 MB document limit; values larger than
/// <see cref="MongoSaverOptions.ChunkSize"/> are split into chunks.
/// </summary>
/// <remarks>
/// <para>
/// A put writes the channel values first and the checkpoint document last: that document is the commit point, so a
/// reader never sees a checkpoint whose values are missing, with or without transactions. When the deployment
/// supports transactions (replica set, sharded cluster) multi-document operations also run in one
/// (<see cref="MongoSaverOptions.Transactions"/>). Values left behind by a crash are removed by
/// <see cref="BaseCheckpointSaver.Prune"/>.
/// </para>
/// <para>Call <see cref="StorageComponent.Setup"/> once (it creates the indexes). Instances are thread-safe; register one as a singleton.</para>
/// </remarks>
public sealed partial class MongoSaver : BaseCheckpointSaver
{
    private readonly SaverCollections _collections;
    private readonly ValueChunker _chunker;
    private readonly MongoServer _server;
    private readonly TransactionRunner _transactions;
    private readonly MongoSaverOptions _options;

    /// <summary>Initializes a saver over a database; the caller owns the client behind it.</summary>
    /// <param name="database">The database.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public MongoSaver(IMongoDatabase database, MongoSaverOptions? options = null)
        : this(database, options, ownedClient: null)
    {
    }

    private MongoSaver(IMongoDatabase database, MongoSaverOptions? options, IMongoClient? ownedClient)
        : base(options?.Serializer, CheckpointWireFormat.Native, options?.ChunkCache)
    {
        Diagnostics = options?.Diagnostics;
        ArgumentNullException.ThrowIfNull(database);
        _options = options ?? new MongoSaverOptions();
        ArgumentNullException.ThrowIfNull(_options.CollectionPrefix, nameof(options));
        ArgumentNullException.ThrowIfNull(_options.TimeProvider, nameof(options));
        if (_options.ChunkSize is < 1 or > ValueChunker.MaxChunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.ChunkSize, $"MongoSaverOptions.ChunkSize must be between 1 and {ValueChunker.MaxChunkSize} bytes.");
        }

        if (_options.OrphanGracePeriod < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.OrphanGracePeriod, "MongoSaverOptions.OrphanGracePeriod cannot be negative.");
        }

        Database = database;
        _collections = new SaverCollections(database, _options.CollectionPrefix, MongoConcerns.Resolve(_options.WriteConcern ?? database.Settings.WriteConcern, nameof(options)));
        _chunker = new ValueChunker(_options.ChunkSize);
        _server = new MongoServer(database);
        _transactions = new TransactionRunner(_server, _options.Transactions);
        if (ownedClient is not null)
        {
            Own(ownedClient);
        }
    }

    /// <summary>Gets the schema version <see cref="StorageComponent.Setup"/> records.</summary>
    public static int CurrentSchemaVersion { get; } = SaverIndexes.SchemaVersion;

    /// <summary>Gets the database the saver uses.</summary>
    public IMongoDatabase Database { get; }

    /// <inheritdoc />
    protected override string DatabaseSystemName => "mongodb";

    /// <inheritdoc />
    protected override string? DatabaseNamespace => Database.DatabaseNamespace.DatabaseName;

    /// <summary>
    /// Creates a saver that owns a new client for <paramref name="connectionString"/> and disposes it with the saver.
    /// </summary>
    /// <param name="connectionString">A <c>mongodb://</c> or <c>mongodb+srv://</c> URL.</param>
    /// <param name="databaseName">The database; the one named in the URL when <see langword="null"/>.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The saver.</returns>
    /// <exception cref="ArgumentException">The URL is malformed, or no database is named.</exception>
    public static MongoSaver FromConnectionString(string connectionString, string? databaseName = null, MongoSaverOptions? options = null)
    {
        var (client, database) = MongoConnection.Open(connectionString, databaseName);
        return CreateOwning(client, owned => new MongoSaver(database, options, owned));
    }

    /// <summary>
    /// Checks the server is MongoDB 5.0 or newer, creates the indexes and records the schema version in the migrations collection.
    /// </summary>
    /// <inheritdoc />
    protected override async Task SetupCore(bool async, CancellationToken cancellationToken)
    {
        await _server.HelloAsync(async, cancellationToken).ConfigureAwait(false);
        await SchemaRecord.SetupAsync(
            async,
            _collections.Migrations,
            SaverIndexes.Component,
            SchemaDescription,
            CurrentSchemaVersion,
            async () =>
            {
                await MongoIo.CreateIndexesAsync(async, _collections.Checkpoints, [SaverIndexes.CheckpointKey, SaverIndexes.ThreadOrder, SaverIndexes.CheckpointOrder, SaverIndexes.RunId], cancellationToken).ConfigureAwait(false);
                await MongoIo.CreateIndexesAsync(async, _collections.Blobs, [SaverIndexes.BlobKey], cancellationToken).ConfigureAwait(false);
                await MongoIo.CreateIndexesAsync(async, _collections.Writes, [SaverIndexes.WriteKey], cancellationToken).ConfigureAwait(false);
                await MongoIo.CreateIndexesAsync(async, _collections.Chunks, [SaverIndexes.ChunkKey], cancellationToken).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the collections as configured (write and read concerns), for tests.</summary>
    internal SaverCollections Collections => _collections;

    private DateTime Now() => _options.TimeProvider.GetUtcNow().UtcDateTime;
}
