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
    /// <summary>The schema version <see cref="BaseStore.Setup"/> records.</summary>
    public const int CurrentSchemaVersion = 1;

    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;
    private readonly IDatabase _database;
    private readonly string _prefix;
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
        ArgumentNullException.ThrowIfNull(connection);
        _prefix = KeyPrefixRules.Validate(options.KeyPrefix, nameof(options));
        _connection = connection;
        _ownsConnection = ownsConnection;
        _database = connection.GetDatabase(options.Database);
        _registry = StoreKeys.Registry(_prefix);
    }

    /// <summary>Gets the key prefix.</summary>
    public string KeyPrefix => _prefix;

    /// <summary>Creates a store that connects with a StackExchange.Redis configuration string and owns (disposes) that connection.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration, for example <c>localhost:6379</c>.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The store.</returns>
    public static RedisStore FromConnectionString(string configuration, RedisStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        var connection = ConnectionMultiplexer.Connect(configuration);
        try
        {
            return new RedisStore(connection, options ?? new RedisStoreOptions(), ownsConnection: true);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Asynchronously creates a store that connects with a configuration string and owns that connection.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The store.</returns>
    public static async Task<RedisStore> FromConnectionStringAsync(string configuration, RedisStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        try
        {
            return new RedisStore(connection, options ?? new RedisStoreOptions(), ownsConnection: true);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Records the schema version (a single key, <c>{prefix}schema</c>); Redis needs no other setup.</summary>
    /// <inheritdoc />
    protected override async Task SetupCore(bool async, CancellationToken cancellationToken)
    {
        var found = (long)await EvalAsync(async, SchemaScript.Text, [StoreKeys.Schema(_prefix)], [CurrentSchemaVersion]).ConfigureAwait(false);
        if (found != 0)
        {
            throw new SchemaVersionException($"Redis store schema (prefix '{_prefix}')", (int)found, CurrentSchemaVersion);
        }
    }

    /// <summary>
    /// Deletes expired items (one script per namespace) and returns how many; namespaces left empty are dropped from
    /// the registry.
    /// </summary>
    /// <inheritdoc />
    protected override async Task<int> SweepExpiredCore(bool async, CancellationToken cancellationToken)
    {
        var now = Millis(GetNow());
        var namespaces = await RegisteredAsync(async, []).ConfigureAwait(false);
        var swept = await EvalAllAsync(async, StoreScripts.Sweep, [.. namespaces.Select(KeysOf)], _ => [now]).ConfigureAwait(false);
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
                await _database.SortedSetRemoveAsync(_registry, members).ConfigureAwait(false);
                var exists = await Task.WhenAll(empty.Select(ns => _database.KeyExistsAsync(KeysOf(ns)[StoreKeys.Items]))).ConfigureAwait(false);
                refilled.AddRange(members.Where((_, i) => exists[i]));
            }
            else
            {
                _database.SortedSetRemove(_registry, members);
                refilled.AddRange(members.Where((_, i) => _database.KeyExists(KeysOf(empty[i])[StoreKeys.Items])));
            }

            if (refilled.Count > 0)
            {
                await RegisterAsync(async, refilled).ConfigureAwait(false);
            }
        }

        return removed;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsConnection)
        {
            _connection.Dispose();
        }
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        if (_ownsConnection)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private RedisKey[] KeysOf(StoreNamespace ns) => StoreKeys.For(_prefix, ns);

    private static RedisValue Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    // One script per namespace (each its own slot): pipelined on the async path, one after another on the sync path.
    private async ValueTask<RedisResult[]> EvalAllAsync(bool async, string script, IReadOnlyList<RedisKey[]> keys, Func<int, RedisValue[]> args)
    {
        if (!async)
        {
            var results = new RedisResult[keys.Count];
            for (var i = 0; i < keys.Count; i++)
            {
                results[i] = _database.ScriptEvaluate(script, keys[i], args(i));
            }

            return results;
        }

        return keys.Count == 0 ? [] : await Task.WhenAll(keys.Select((k, i) => _database.ScriptEvaluateAsync(script, k, args(i)))).ConfigureAwait(false);
    }

    private async ValueTask<RedisResult> EvalAsync(bool async, string script, RedisKey[] keys, RedisValue[] args) =>
        async ? await _database.ScriptEvaluateAsync(script, keys, args).ConfigureAwait(false) : _database.ScriptEvaluate(script, keys, args);

    // The registered namespaces whose labels start with the given ones (all when empty).
    private async ValueTask<List<StoreNamespace>> RegisteredAsync(bool async, IReadOnlyList<string> leading)
    {
        var (min, max) = StoreKeys.Range(leading);
        var members = (byte[][])(await EvalAsync(async, StoreScripts.Namespaces, [_registry], [min, max]).ConfigureAwait(false))!;
        return [.. members.Select(StoreKeys.FromMember)];
    }

    private async ValueTask RegisterAsync(bool async, IReadOnlyList<RedisValue> members)
    {
        var entries = members.Select(m => new SortedSetEntry(m, 0)).ToArray();
        if (async)
        {
            await _database.SortedSetAddAsync(_registry, entries).ConfigureAwait(false);
        }
        else
        {
            _database.SortedSetAdd(_registry, entries);
        }
    }
}
