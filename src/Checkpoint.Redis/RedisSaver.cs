using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <summary>
/// A checkpointer on plain Redis 7 (no modules), standalone or cluster, over StackExchange.Redis.
/// </summary>
/// <remarks>
/// <para>
/// Every key of a thread carries the thread's hash tag, so a thread lives in one cluster slot and each operation on it
/// is one atomic Lua script: a reader never sees a checkpoint without its values. Checkpoint order, <c>before</c> and
/// <c>limit</c> come from sorted sets. Operations over every thread (list without a thread, list threads, delete for
/// runs) read a per-prefix thread index or SCAN every primary; see the package README for the key layout and costs.
/// </para>
/// <para>The sync methods use StackExchange.Redis's synchronous API (and its <c>Wait</c> for pipelined fan-outs).</para>
/// </remarks>
public sealed partial class RedisSaver : BaseCheckpointSaver
{
    private readonly RedisKeyspace _redis;
    private readonly long _ttlMilliseconds;
    private readonly bool _refreshOnRead;

    /// <summary>Initializes a saver over a connection the caller owns (and disposes).</summary>
    /// <param name="connection">The connection, usually the application's shared multiplexer.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The key prefix contains a brace, or the TTL is not positive.</exception>
    public RedisSaver(IConnectionMultiplexer connection, RedisSaverOptions? options = null)
        : this(connection, options ?? new RedisSaverOptions(), ownsConnection: false)
    {
    }

    private RedisSaver(IConnectionMultiplexer connection, RedisSaverOptions options, bool ownsConnection)
        : base(options.Serializer, CheckpointWireFormat.Native, options.ChunkCache)
    {
        Diagnostics = options.Diagnostics;
        _redis = new RedisKeyspace(connection, options.Database, options.KeyPrefix);
        if (options.Ttl is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), ttl, "The time to live must be positive, or null for none.");
        }

        _ttlMilliseconds = options.Ttl is { } t ? (long)Math.Ceiling(t.TotalMilliseconds) : 0;
        _refreshOnRead = options.RefreshTtlOnRead;
        if (ownsConnection)
        {
            Own(connection);
        }
    }

    /// <summary>Gets the schema version <see cref="StorageComponent.Setup"/> records.</summary>
    public static int CurrentSchemaVersion { get; } = ThreadIndex.SchemaVersion;

    /// <summary>Gets the key prefix.</summary>
    public string KeyPrefix => _redis.Prefix;

    private IDatabase Database => _redis.Database;

    private long ReadTtl => _refreshOnRead ? _ttlMilliseconds : 0;

    /// <summary>Creates a saver that connects with a StackExchange.Redis configuration string and owns (disposes) that connection.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration (<c>localhost:6379</c>, <c>host1:7000,host2:7001,password=...</c>) or a <c>redis://</c> / <c>rediss://</c> URI (see <see cref="RedisConnectionString"/>).</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The saver.</returns>
    public static RedisSaver FromConnectionString(string configuration, RedisSaverOptions? options = null) =>
        CreateOwning(RedisKeyspace.Connect(configuration), connection => new RedisSaver(connection, options ?? new RedisSaverOptions(), ownsConnection: true));

    /// <summary>Asynchronously creates a saver that connects with a configuration string and owns that connection.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string or a <c>redis://</c> / <c>rediss://</c> URI (see <see cref="RedisConnectionString"/>).</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The saver.</returns>
    public static async Task<RedisSaver> FromConnectionStringAsync(string configuration, RedisSaverOptions? options = null) =>
        CreateOwning(await RedisKeyspace.ConnectAsync(configuration).ConfigureAwait(false), connection => new RedisSaver(connection, options ?? new RedisSaverOptions(), ownsConnection: true));

    /// <summary>
    /// The key holding the schema version of savers with this prefix; named for the component, so a saver and a store
    /// configured with one prefix keep separate versions.
    /// </summary>
    internal static string SchemaKey(string prefix) => prefix + "checkpoint-schema";

    /// <summary>
    /// Records the schema version (a single key, <c>{prefix}checkpoint-schema</c>). Raising it from version 1 (or from
    /// none) first fills the thread index from a SCAN of the threads written before, so list-threads never misses one.
    /// </summary>
    /// <inheritdoc />
    protected override async Task SetupCore(bool async, CancellationToken cancellationToken)
    {
        var key = SchemaKey(_redis.Prefix);
        var recorded = async ? await Database.StringGetAsync(key).ConfigureAwait(false) : Database.StringGet(key);
        if (recorded.IsNull || (long)recorded < ThreadIndex.SchemaVersion)
        {
            await FillThreadIndexAsync(async).ConfigureAwait(false);
        }

        await _redis.SetupAsync(async, key, CurrentSchemaVersion, "checkpoint").ConfigureAwait(false);
    }

    private RedisKey[] KeysOf(string threadId) => ThreadKeys.For(_redis.Prefix, threadId);

    private IEnumerable<IServer> Primaries() => _redis.Connection.GetServers().Where(s => !s.IsReplica);

    // SCAN on every primary for keys of one kind; returns the thread ids they belong to.
    private async ValueTask<List<string>> ScanThreadsAsync(bool async, string suffix)
    {
        var pattern = ThreadKeys.Pattern(_redis.Prefix, suffix);
        var threads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in Primaries())
        {
            if (async)
            {
                await foreach (var key in server.KeysAsync(Database.Database, pattern, pageSize: 1000).ConfigureAwait(false))
                {
                    AddThread(threads, key);
                }
            }
            else
            {
                foreach (var key in server.Keys(Database.Database, pattern, pageSize: 1000))
                {
                    AddThread(threads, key);
                }
            }
        }

        return [.. threads];
    }

    private void AddThread(HashSet<string> threads, RedisKey key)
    {
        if (ThreadKeys.ThreadIdOf(_redis.Prefix, key.ToString()) is { } threadId)
        {
            threads.Add(threadId);
        }
    }

    /// <inheritdoc />
    protected override string DatabaseSystemName => "redis";
}
