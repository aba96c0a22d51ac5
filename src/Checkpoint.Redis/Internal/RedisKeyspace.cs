using Checkpoint.Providers;
using StackExchange.Redis;

namespace Checkpoint.Redis.Internal;

/// <summary>
/// What a Redis saver and store both work with: one database of a connection, the key prefix every key starts with,
/// the schema key, and script calls with one code path for sync and async callers.
/// </summary>
internal sealed class RedisKeyspace
{
    public RedisKeyspace(IConnectionMultiplexer connection, int database, string? prefix)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Prefix = KeyPrefixRules.Validate(prefix, "options");
        Connection = connection;
        Database = connection.GetDatabase(database);
    }

    public IConnectionMultiplexer Connection { get; }

    public IDatabase Database { get; }

    public string Prefix { get; }

    /// <summary>
    /// Gets whether every server is a standalone one (no cluster), so one script may touch keys of different hash tags.
    /// </summary>
    public bool IsSingleNode => Connection.GetServers() is { Length: > 0 } servers && servers.All(s => s.ServerType == ServerType.Standalone);

    public static IConnectionMultiplexer Connect(string configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return ConnectionMultiplexer.Connect(RedisConnectionString.Parse(configuration));
    }

    public static async Task<IConnectionMultiplexer> ConnectAsync(string configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(configuration);
        return await ConnectionMultiplexer.ConnectAsync(RedisConnectionString.Parse(configuration)).ConfigureAwait(false);
    }

    /// <summary>Records <paramref name="version"/> under <paramref name="schemaKey"/>, refusing (changing nothing) a newer recorded one.</summary>
    public async Task SetupAsync(bool async, RedisKey schemaKey, int version, string component)
    {
        var found = (long)await EvalAsync(async, SchemaScript.Text, [schemaKey], [version]).ConfigureAwait(false);
        if (found != 0)
        {
            throw new SchemaVersionException(DescribeSchema(component), (int)found, version);
        }
    }

    /// <summary>Reads the version under <paramref name="schemaKey"/> for <see cref="IVersionedSchema"/>; recording it is Redis's only migration.</summary>
    public async Task<SchemaStatus> ReadSchemaStatusAsync(RedisKey schemaKey, int version, string component, string? before = null)
    {
        var found = await Database.StringGetAsync(schemaKey).ConfigureAwait(false);
        int? applied = found.IsNull ? null : (int)found;
        IReadOnlyList<SchemaMigration> pending = applied is null || applied < version ? [new SchemaMigration(version, $"{before}SET {schemaKey} {version}")] : [];
        return new SchemaStatus(DescribeSchema(component), applied, version, pending);
    }

    private string DescribeSchema(string component) => $"Redis {component} schema (prefix '{Prefix}')";

    public async ValueTask<RedisResult> EvalAsync(bool async, string script, RedisKey[] keys, RedisValue[] args) =>
        async ? await Database.ScriptEvaluateAsync(script, keys, args).ConfigureAwait(false) : Database.ScriptEvaluate(script, keys, args);

    /// <summary>
    /// Runs one call per key set (each its own cluster slot): the async path sends every command before awaiting any,
    /// so they are pipelined; the sync path runs them one after another with the synchronous API, because blocking on
    /// StackExchange.Redis tasks can starve the threads that complete them.
    /// </summary>
    public async ValueTask<T[]> AllAsync<T>(bool async, int count, Func<int, Task<T>> start, Func<int, T> run)
    {
        var results = new T[count];
        if (!async)
        {
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

        return count == 0 ? results : await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    public ValueTask<RedisResult[]> EvalAllAsync(bool async, string script, IReadOnlyList<RedisKey[]> keys, Func<int, RedisValue[]> args) =>
        AllAsync(async, keys.Count, i => Database.ScriptEvaluateAsync(script, keys[i], args(i)), i => Database.ScriptEvaluate(script, keys[i], args(i)));
}
