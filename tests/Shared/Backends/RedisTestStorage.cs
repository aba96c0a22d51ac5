using Checkpoint.Redis;
using StackExchange.Redis;

namespace Checkpoint.Tests.Support;

/// <summary>RedisSaver and RedisStore under a key prefix of their own on the shared test server, deleted afterwards.</summary>
public sealed class RedisTestStorage(string configuration) : TestStorage
{
    private readonly string _prefix = $"backend-test:{Guid.NewGuid():N}:";

    public override string Name => "redis";

    public override (BaseCheckpointSaver Saver, BaseStore Store) Open(Action<StoreOptions> configureStore) =>
        (RedisSaver.FromConnectionString(configuration, new RedisSaverOptions { KeyPrefix = _prefix + "cp:" }),
         RedisStore.FromConnectionString(configuration, Configure(new RedisStoreOptions { KeyPrefix = _prefix + "st:" }, configureStore)));

    public override async ValueTask DisposeAsync()
    {
        await using (var redis = await ConnectionMultiplexer.ConnectAsync(configuration))
        {
            foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
            {
                await foreach (var key in server.KeysAsync(pattern: _prefix + "*"))
                {
                    await redis.GetDatabase().KeyDeleteAsync(key);
                }
            }
        }

        await base.DisposeAsync();
    }
}
