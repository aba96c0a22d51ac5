using Checkpoint.Redis;
using StackExchange.Redis;

namespace Checkpoint.Benchmarks;

/// <summary>
/// The Redis backend under a fresh key prefix (deleted afterwards), and its driver floor: a SET and a GET of the same
/// size through the same multiplexer.
/// </summary>
internal sealed class RedisBenchBackend(string configuration, ChunkCacheOptions chunkCache) : IBenchBackend
{
    private readonly string _prefix = "bench-" + Guid.NewGuid().ToString("N")[..12] + ":";
    private ConnectionMultiplexer? _connection;

    public string Name => "redis";

    public async Task<BaseCheckpointSaver> CreateSaverAsync()
    {
        var saver = new RedisSaver(await ConnectAsync().ConfigureAwait(false), new RedisSaverOptions { KeyPrefix = _prefix, ChunkCache = chunkCache });
        await saver.SetupAsync().ConfigureAwait(false);
        return saver;
    }

    public async Task<BaseStore> CreateStoreAsync(StoreIndexOptions index)
    {
        var store = new RedisStore(await ConnectAsync().ConfigureAwait(false), new RedisStoreOptions { KeyPrefix = _prefix + "store:", Index = index });
        await store.SetupAsync().ConfigureAwait(false);
        return store;
    }

    /// <summary>The server's <c>used_memory</c>: server-wide, so only the difference of two readings means something.</summary>
    public async Task<long?> MeasureDatabaseBytesAsync()
    {
        var connection = await ConnectAsync().ConfigureAwait(false);
        long total = 0;
        foreach (var server in connection.GetServers().Where(s => !s.IsReplica))
        {
            var memory = await server.InfoAsync("memory").ConfigureAwait(false);
            total += memory.SelectMany(g => g).Where(p => p.Key == "used_memory").Select(p => long.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture)).Sum();
        }

        return total;
    }

    /// <summary>The sum of <c>MEMORY USAGE</c> of every key under the run's prefix (only the measured thread has keys then).</summary>
    public async Task<long?> MeasureThreadBytesAsync(string threadId)
    {
        var connection = await ConnectAsync().ConfigureAwait(false);
        long total = 0;
        foreach (var server in connection.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: _prefix + "*", pageSize: 1000).ConfigureAwait(false))
            {
                // SAMPLES 0: measure every field; the default samples five and extrapolates, badly for uneven hashes.
                var usage = await connection.GetDatabase().ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", 0).ConfigureAwait(false);
                total += usage.IsNull ? 0 : (long)usage;
            }
        }

        return total;
    }

    public async Task<IDriverFloor?> CreateFloorAsync() => new Floor((await ConnectAsync().ConfigureAwait(false)).GetDatabase(), _prefix);

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        foreach (var server in _connection.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: _prefix + "*", pageSize: 1000).ConfigureAwait(false))
            {
                await _connection.GetDatabase().KeyDeleteAsync(key).ConfigureAwait(false);
            }
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        if (_connection is null)
        {
            // Admin mode only so the harness may read INFO (the operator's used_memory); the savers never need it.
            var options = ConfigurationOptions.Parse(configuration);
            options.AllowAdmin = true;
            _connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        }

        return _connection;
    }

    private sealed class Floor(IDatabase database, string prefix) : IDriverFloor
    {
        public Task InsertAsync(string key, byte[] payload) => database.StringSetAsync(prefix + key, payload);

        public async Task<byte[]> SelectAsync(string key) => (byte[]?)await database.StringGetAsync(prefix + key).ConfigureAwait(false) ?? [];

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
