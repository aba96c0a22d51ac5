using Checkpoint.Redis.Internal;
using StackExchange.Redis;

namespace Checkpoint.Redis;

/// <summary>
/// A long-term memory store on plain Redis 7 (no modules), standalone or cluster, over StackExchange.Redis: items,
/// namespaces, filters, TTL and semantic search, all computed without RediSearch or RedisJSON.
/// </summary>
/// <remarks>
/// <para>
/// Each namespace's items live in one cluster slot (four keys sharing the namespace's hash tag) and every write to a
/// namespace is one atomic Lua script. A registry sorted set lists the namespaces, so searches and namespace listings
/// read only the namespaces under their prefix. Filters and semantic similarity are evaluated in process.
/// </para>
/// <para>
/// Expiry is decided from stored expiry times against <see cref="StoreOptions.TimeProvider"/>, never by the server's
/// clock; expired items are invisible at once and <see cref="BaseStore.SweepExpired"/> reclaims their space.
/// </para>
/// </remarks>
public sealed partial class RedisStore : BaseStore
{
    private readonly RedisKeyspace _redis;
    private readonly RedisKey _registry;

    /// <summary>Initializes a store over a connection the caller owns (and disposes).</summary>
    /// <param name="connection">The connection, usually the application's shared multiplexer.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public RedisStore(IConnectionMultiplexer connection, RedisStoreOptions? options = null)
        : this(connection, options ?? new RedisStoreOptions(), ownsConnection: false)
    {
    }

    private RedisStore(IConnectionMultiplexer connection, RedisStoreOptions options, bool ownsConnection)
        : base(options)
    {
        _redis = new RedisKeyspace(connection, options.Database, options.KeyPrefix);
        _registry = StoreKeys.Registry(_redis.Prefix);
        if (ownsConnection)
        {
            Own(connection);
        }
    }

    /// <summary>Gets the schema version <see cref="StorageComponent.Setup"/> records.</summary>
    public static int CurrentSchemaVersion { get; } = 1;

    /// <summary>Gets the key prefix.</summary>
    public string KeyPrefix => _redis.Prefix;

    private IDatabase Database => _redis.Database;

    /// <summary>Creates a store that connects with a StackExchange.Redis configuration string and owns (disposes) that connection.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration, for example <c>localhost:6379</c>.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The store.</returns>
    public static RedisStore FromConnectionString(string configuration, RedisStoreOptions? options = null) =>
        CreateOwning(RedisKeyspace.Connect(configuration), connection => new RedisStore(connection, options ?? new RedisStoreOptions(), ownsConnection: true));

    /// <summary>Asynchronously creates a store that connects with a configuration string and owns that connection.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The store.</returns>
    public static async Task<RedisStore> FromConnectionStringAsync(string configuration, RedisStoreOptions? options = null) =>
        CreateOwning(await RedisKeyspace.ConnectAsync(configuration).ConfigureAwait(false), connection => new RedisStore(connection, options ?? new RedisStoreOptions(), ownsConnection: true));

    /// <summary>Records the schema version (a single key, <c>{prefix}store-schema</c>); Redis needs no other setup.</summary>
    /// <inheritdoc />
    protected override Task SetupCore(bool async, CancellationToken cancellationToken) =>
        _redis.SetupAsync(async, StoreKeys.Schema(_redis.Prefix), CurrentSchemaVersion, "store");

    /// <summary>
    /// Deletes expired items (one script per namespace) and returns how many; namespaces left empty are dropped from
    /// the registry.
    /// </summary>
    /// <inheritdoc />
    protected override async Task<int> SweepExpiredCore(bool async, CancellationToken cancellationToken)
    {
        var now = Millis(GetNow());
        var namespaces = await RegisteredAsync(async, []).ConfigureAwait(false);
        var swept = await _redis.EvalAllAsync(async, StoreScripts.Sweep, [.. namespaces.Select(KeysOf)], _ => [now]).ConfigureAwait(false);
        var removed = swept.Sum(r => (int)r[0]);

        // Drop empty namespaces from the registry, then re-register any that a concurrent put filled meanwhile: puts
        // write the item before registering, so this order never leaves a stored item unregistered.
        var empty = namespaces.Where((_, i) => (long)swept[i][1] == 0).ToList();
        if (empty.Count > 0)
        {
            RedisValue[] members = [.. empty.Select(ns => (RedisValue)StoreKeys.Member(ns))];
            var refilled = new List<RedisValue>();
            if (async)
            {
                await Database.SortedSetRemoveAsync(_registry, members).ConfigureAwait(false);
                var exists = await Task.WhenAll(empty.Select(ns => Database.KeyExistsAsync(KeysOf(ns)[StoreKeys.Items]))).ConfigureAwait(false);
                refilled.AddRange(members.Where((_, i) => exists[i]));
            }
            else
            {
                Database.SortedSetRemove(_registry, members);
                refilled.AddRange(members.Where((_, i) => Database.KeyExists(KeysOf(empty[i])[StoreKeys.Items])));
            }

            if (refilled.Count > 0)
            {
                await RegisterAsync(async, refilled).ConfigureAwait(false);
            }
        }

        return removed;
    }

    private RedisKey[] KeysOf(StoreNamespace ns) => StoreKeys.For(_redis.Prefix, ns);

    private static RedisValue Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    // The registered namespaces whose labels start with the given ones (all when empty).
    private async ValueTask<List<StoreNamespace>> RegisteredAsync(bool async, IReadOnlyList<string> leading)
    {
        var (min, max) = StoreKeys.Range(leading);
        var members = (byte[][])(await _redis.EvalAsync(async, StoreScripts.Namespaces, [_registry], [min, max]).ConfigureAwait(false))!;
        return [.. members.Select(StoreKeys.FromMember)];
    }

    private async ValueTask RegisterAsync(bool async, IReadOnlyList<RedisValue> members)
    {
        var entries = members.Select(m => new SortedSetEntry(m, 0)).ToArray();
        if (async)
        {
            await Database.SortedSetAddAsync(_registry, entries).ConfigureAwait(false);
        }
        else
        {
            Database.SortedSetAdd(_registry, entries);
        }
    }
}
