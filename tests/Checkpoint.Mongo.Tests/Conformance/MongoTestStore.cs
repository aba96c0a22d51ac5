using Checkpoint.ConformanceSuite;
using DotNet.Testcontainers.Builders;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;
using Testcontainers.MongoDb;

namespace Checkpoint.Mongo.Tests.Conformance;

/// <summary>
/// Runs the kit against MongoDB: the server named by <c>CHECKPOINT_TEST_MONGO</c>, else a Testcontainers replica set
/// when a Docker engine answers, else the kit is skipped with the reason (no MongoDB server can be had on the CI
/// machines of this repository).
/// </summary>
public sealed class MongoTestStore : CheckpointTestStore
{
    /// <summary>The environment variable holding the MongoDB URL.</summary>
    public const string Variable = "CHECKPOINT_TEST_MONGO";

    private MongoDbContainer? _container;
    private IMongoClient? _client;
    private IMongoDatabase? _database;
    private string? _url;

    /// <summary>Gets the shared instance.</summary>
    public static MongoTestStore Instance { get; } = new();

    /// <inheritdoc />
    public override string BackendName => "mongo";

    public override string DatabaseSystemName => "mongodb";

    /// <inheritdoc />
    /// <remarks>Values up to 20 MiB, so the kit's large-value tests cross the 16 MB document limit and exercise chunking.</remarks>
    public override BackendCapabilities Capabilities { get; } = new() { MaxValueBytes = 20 * 1024 * 1024 };

    private IMongoDatabase Database => _database ?? throw new InvalidOperationException("The MongoDB test store is not started.");

    /// <inheritdoc />
    public override StoredDataEditor Editor => new MongoStoredDataEditor(Database);

    /// <inheritdoc />
    public override ConfigurationRegistration Registration => new()
    {
        SaverSettings = new Dictionary<string, string?> { ["ConnectionString"] = _url, ["Database"] = Database.DatabaseNamespace.DatabaseName },
        StoreSettings = new Dictionary<string, string?> { ["ConnectionString"] = _url, ["Database"] = Database.DatabaseNamespace.DatabaseName },
        AddSaver = (services, key, section, configure) => services.AddKeyedMongoCheckpointSaver(key, section, configure),
        AddStore = (services, key, section, configure) => services.AddKeyedMongoStore(key, section, configure),
    };

    /// <inheritdoc />
    public override BaseCheckpointSaver CreateSaver(ICheckpointSerializer? serializer = null) =>
        new MongoSaver(Database, new MongoSaverOptions { Serializer = serializer });

    /// <inheritdoc />
    public override BaseStore CreateStore(StoreOptions options) => new MongoStore(Database, ToMongoOptions(options));

    /// <inheritdoc />
    public override Task<TestDatabase> CreateDatabaseAsync() =>
        Task.FromResult<TestDatabase>(new MongoTestDatabase(_client!.GetDatabase("checkpoint_test_" + Guid.NewGuid().ToString("N"))));

    /// <summary>Carries the kit's store options over to <see cref="MongoStoreOptions"/>.</summary>
    /// <param name="options">The kit's options.</param>
    /// <returns>The MongoDB options.</returns>
    public static MongoStoreOptions ToMongoOptions(StoreOptions options) =>
        options as MongoStoreOptions ?? new MongoStoreOptions { TimeProvider = options.TimeProvider, Index = options.Index, Ttl = options.Ttl, Diagnostics = options.Diagnostics };

    /// <inheritdoc />
    protected override async Task StartAsync()
    {
        var url = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(url))
        {
            try
            {
                // A replica set, so the transaction path runs too.
                _container = new MongoDbBuilder("mongo:7.0").WithReplicaSet("rs0").Build();
                await _container.StartAsync().ConfigureAwait(false);
                url = _container.GetConnectionString();
            }
            catch (DockerUnavailableException e)
            {
                throw new BackendUnavailableException(
                    $"{Variable} is not set and no Docker engine answers ({e.Message.Split('\n')[0]}). " +
                    $"Run with {Variable}=mongodb://host:27017 to include the MongoDB conformance kit.", e);
            }
        }

        _url = url;
        var settings = MongoClientSettings.FromConnectionString(url);
        settings.ServerSelectionTimeout = TimeSpan.FromSeconds(15);
        _client = new MongoClient(settings);
        _database = _client.GetDatabase(MongoUrl.Create(url).DatabaseName ?? "checkpoint_conformance");
        try
        {
            await _database.RunCommandAsync<BsonDocument>(new BsonDocument("ping", 1)).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            // The URL may hold a password: name only the server the driver could not reach.
            throw new BackendUnavailableException($"{Variable} is set but no MongoDB server answered at {string.Join(", ", settings.Servers)} within 15 s.", e);
        }

        await new MongoSaver(_database).SetupAsync().ConfigureAwait(false);
        await new MongoStore(_database).SetupAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task StopAsync()
    {
        _client?.Dispose();
        if (_container is not null)
        {
            await _container.DisposeAsync().ConfigureAwait(false);
        }
    }
}
