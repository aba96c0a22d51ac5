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
/// runs) SCAN every primary; see the package README for the key layout and costs.
/// </para>
/// <para>The sync methods use StackExchange.Redis's synchronous API (and its <c>Wait</c> for pipelined fan-outs).</para>
/// </remarks>
public sealed partial class RedisSaver : BaseCheckpointSaver
{
    /// <summary>The schema version <see cref="BaseCheckpointSaver.Setup"/> records.</summary>
    public const int CurrentSchemaVersion = 1;

    private readonly IConnectionMultiplexer _connection;
    private readonly bool _ownsConnection;
    private readonly IDatabase _database;
    private readonly string _prefix;
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
        ArgumentNullException.ThrowIfNull(connection);
        _prefix = KeyPrefixRules.Validate(options.KeyPrefix, nameof(options));
        if (options.Ttl is { } ttl && ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), ttl, "The time to live must be positive, or null for none.");
        }

        _connection = connection;
        _ownsConnection = ownsConnection;
        _database = connection.GetDatabase(options.Database);
        _ttlMilliseconds = options.Ttl is { } t ? (long)Math.Ceiling(t.TotalMilliseconds) : 0;
        _refreshOnRead = options.RefreshTtlOnRead;
    }

    /// <summary>Gets the key prefix.</summary>
    public string KeyPrefix => _prefix;

    /// <summary>Creates a saver that connects with a StackExchange.Redis configuration string and owns (disposes) that connection.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration, for example <c>localhost:6379</c> or <c>host1:7000,host2:7001,password=...</c>.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The saver.</returns>
    public static RedisSaver FromConnectionString(string configuration, RedisSaverOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        var connection = ConnectionMultiplexer.Connect(configuration);
        try
        {
            return new RedisSaver(connection, options ?? new RedisSaverOptions(), ownsConnection: true);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Asynchronously creates a saver that connects with a configuration string and owns that connection.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <param name="options">The options; defaults when <see langword="null"/>.</param>
    /// <returns>The saver.</returns>
    public static async Task<RedisSaver> FromConnectionStringAsync(string configuration, RedisSaverOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        try
        {
            return new RedisSaver(connection, options ?? new RedisSaverOptions(), ownsConnection: true);
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
        var found = (long)await EvalAsync(async, SchemaScript.Text, [SchemaKey(_prefix)], [CurrentSchemaVersion]).ConfigureAwait(false);
        if (found != 0)
        {
            throw new SchemaVersionException($"Redis checkpoint schema (prefix '{_prefix}')", (int)found, CurrentSchemaVersion);
        }
    }

    /// <summary>The key holding the schema version of savers with this prefix.</summary>
    internal static string SchemaKey(string prefix) => prefix + "schema";

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

    private RedisKey[] KeysOf(string threadId) => ThreadKeys.For(_prefix, threadId);

    private long ReadTtl => _refreshOnRead ? _ttlMilliseconds : 0;

    private ValueTask<RedisResult> EvalAsync(bool async, string script, RedisKey[] keys, RedisValue[] args) =>
        async ? new(_database.ScriptEvaluateAsync(script, keys, args)) : new(_database.ScriptEvaluate(script, keys, args));

    // A fan-out over several threads (each its own slot): the async path sends every command before awaiting any, so
    // the calls are pipelined; the sync path runs them one after another with the synchronous API, because blocking on
    // StackExchange.Redis tasks can starve the threads that complete them.
    private async ValueTask<T[]> AllAsync<T>(bool async, int count, Func<int, Task<T>> start, Func<int, T> run)
    {
        if (!async)
        {
            var results = new T[count];
            for (var i = 0; i < count; i++)
            {
                results[i] = run(i);
            }

            return results;
        }

        var tasks = new Task<T>[count];
        for (var i = 0; i < count; i++)
        {
            tasks[i] = start(i);
        }

        return count == 0 ? [] : await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private ValueTask<RedisResult[]> EvalAllAsync(bool async, string script, IReadOnlyList<RedisKey[]> keys, Func<int, RedisValue[]> args) =>
        AllAsync(async, keys.Count, i => _database.ScriptEvaluateAsync(script, keys[i], args(i)), i => _database.ScriptEvaluate(script, keys[i], args(i)));

    private IEnumerable<IServer> Primaries() => _connection.GetServers().Where(s => !s.IsReplica);

    // SCAN on every primary for keys of one kind; returns the thread ids they belong to.
    private async ValueTask<List<string>> ScanThreadsAsync(bool async, string suffix)
    {
        var pattern = ThreadKeys.Pattern(_prefix, suffix);
        var threads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in Primaries())
        {
            if (async)
            {
                await foreach (var key in server.KeysAsync(_database.Database, pattern, pageSize: 1000).ConfigureAwait(false))
                {
                    AddThread(threads, key);
                }
            }
            else
            {
                foreach (var key in server.Keys(_database.Database, pattern, pageSize: 1000))
                {
                    AddThread(threads, key);
                }
            }
        }

        return [.. threads];
    }

    private void AddThread(HashSet<string> threads, RedisKey key)
    {
        if (ThreadKeys.ThreadIdOf(_prefix, key.ToString()) is { } threadId)
        {
            threads.Add(threadId);
        }
    }
}
