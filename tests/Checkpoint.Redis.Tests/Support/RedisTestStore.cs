using Checkpoint.ConformanceSuite;
using DotNet.Testcontainers.Builders;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Testcontainers.Redis;

namespace Checkpoint.Redis.Tests.Support;

/// <summary>
/// Runs the kit against a Redis server: the one named by an environment variable, else a Testcontainers container
/// (standalone only, when a Docker engine answers), else the tests skip with the reason. Shared savers and stores use
/// one key prefix for the whole run, removed when the run ends.
/// </summary>
public abstract class RedisTestStore : CheckpointTestStore
{
    private RedisContainer? _container;
    private ConnectionMultiplexer? _connection;

    /// <summary>Gets the connection (valid after start).</summary>
    public IConnectionMultiplexer Connection => _connection ?? throw new InvalidOperationException("The Redis test store has not started.");

    /// <summary>Gets the key prefix of the shared savers and stores of this run.</summary>
    public string SharedPrefix { get; } = "kit-" + Guid.NewGuid().ToString("N") + ":";

    /// <summary>Gets the configuration string the store connected with (valid after start).</summary>
    public string Configuration { get; private set; } = string.Empty;

    /// <summary>Gets the environment variable naming the server.</summary>
    protected abstract string Variable { get; }

    /// <summary>Gets whether the server must be a Redis Cluster.</summary>
    protected abstract bool IsCluster { get; }

    /// <inheritdoc />
    public override StoredDataEditor Editor => new RedisStoredDataEditor(Connection, SharedPrefix + "cp:", SharedPrefix + "st:");

    /// <inheritdoc />
    public override ConfigurationRegistration Registration => new()
    {
        SaverSettings = new Dictionary<string, string?> { ["ConnectionString"] = Configuration, ["KeyPrefix"] = SharedPrefix + "cp:" },
        StoreSettings = new Dictionary<string, string?> { ["ConnectionString"] = Configuration, ["KeyPrefix"] = SharedPrefix + "st:" },
        AddSaver = (services, key, section, configure) => services.AddKeyedRedisCheckpointSaver(key, section, configure),
        AddStore = (services, key, section, configure) => services.AddKeyedRedisStore(key, section, configure),
    };

    public override BaseCheckpointSaver CreateSaver(ICheckpointSerializer? serializer = null) =>
        new RedisSaver(Connection, new RedisSaverOptions { KeyPrefix = SharedPrefix + "cp:", Serializer = serializer });

    public override BaseStore CreateStore(StoreOptions options) => new RedisStore(Connection, ToRedisOptions(options, SharedPrefix + "st:"));

    public override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult<TestDatabase>(new RedisTestDatabase(Connection));

    /// <summary>Copies kit store options into Redis store options with a prefix.</summary>
    public static RedisStoreOptions ToRedisOptions(StoreOptions options, string prefix) => new()
    {
        TimeProvider = options.TimeProvider,
        Index = options.Index,
        Ttl = options.Ttl,
        Diagnostics = options.Diagnostics,
        KeyPrefix = prefix,
    };

    protected override async Task StartAsync()
    {
        // StackExchange.Redis 3 completes replies on the thread pool: the kit's sync tests block pool threads while
        // they wait, so without spare threads they would time out while the pool slowly grows (see the README).
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), completionPorts);

        var configuration = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(configuration))
        {
            configuration = await StartContainerAsync();
        }

        try
        {
            _connection = await ConnectionMultiplexer.ConnectAsync(configuration + ",abortConnect=true,connectTimeout=5000");
        }
        catch (RedisConnectionException e)
        {
            throw new BackendUnavailableException($"cannot connect to Redis at {Variable}: {e.Message}", e);
        }

        Configuration = configuration;
        var primaries = _connection.GetServers().Where(s => !s.IsReplica).ToList();
        if (IsCluster && (primaries.Count < 2 || primaries.Any(s => s.ServerType != ServerType.Cluster)))
        {
            throw new BackendUnavailableException($"{Variable} does not name a Redis Cluster with several primaries ({primaries.Count} found).");
        }

        await new RedisSaver(_connection, new RedisSaverOptions { KeyPrefix = SharedPrefix + "cp:" }).SetupAsync();
        await new RedisStore(_connection, new RedisStoreOptions { KeyPrefix = SharedPrefix + "st:" }).SetupAsync();
    }

    protected override async Task StopAsync()
    {
        if (_connection is not null)
        {
            await RedisKeyCleaner.DeleteByPrefixAsync(_connection, SharedPrefix);
            await _connection.DisposeAsync();
        }

        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    private async Task<string> StartContainerAsync()
    {
        if (IsCluster)
        {
            throw new BackendUnavailableException($"{Variable} is not set, and Testcontainers cannot start a Redis Cluster here.");
        }

        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is null && !File.Exists("/var/run/docker.sock"))
        {
            throw new BackendUnavailableException($"{Variable} is not set and no Docker engine is available.");
        }

        try
        {
            _container = new RedisBuilder("redis:7-alpine").Build();
            await _container.StartAsync();
            return _container.GetConnectionString();
        }
        catch (DockerUnavailableException e)
        {
            throw new BackendUnavailableException($"{Variable} is not set and Docker is unavailable: {e.Message.Split('\n')[0]}", e);
        }
    }
}

/// <summary>The standalone server of <c>CHECKPOINT_TEST_REDIS</c>.</summary>
public sealed class StandaloneRedisTestStore : RedisTestStore
{
    public static StandaloneRedisTestStore Instance { get; } = new();

    public override string BackendName => "redis";

    protected override string Variable => "CHECKPOINT_TEST_REDIS";

    protected override bool IsCluster => false;
}

/// <summary>The cluster of <c>CHECKPOINT_TEST_REDIS_CLUSTER</c> (several primaries).</summary>
public sealed class ClusterRedisTestStore : RedisTestStore
{
    public static ClusterRedisTestStore Instance { get; } = new();

    public override string BackendName => "redis-cluster";

    public override string DatabaseSystemName => "redis";

    protected override string Variable => "CHECKPOINT_TEST_REDIS_CLUSTER";

    protected override bool IsCluster => true;
}
