using Checkpoint.Redis;
using StackExchange.Redis;

namespace Checkpoint.AgentFramework.Tests.Support;

/// <summary>RedisSaver and RedisStore under a key prefix of their own on the shared test server, deleted afterwards.</summary>
public sealed class RedisBackend(string configuration) : AgentBackend
{
    private readonly string _prefix = $"agentfw-test:{Guid.NewGuid():N}:";

    public override string Name => "redis";

    protected override (BaseCheckpointSaver Saver, BaseStore Store) Open() =>
        (RedisSaver.FromConnectionString(configuration, new RedisSaverOptions { KeyPrefix = _prefix + "cp:" }),
         RedisStore.FromConnectionString(configuration, Configure(new RedisStoreOptions { KeyPrefix = _prefix + "st:" })));

    protected override async ValueTask DisposeStorageAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: _prefix + "*"))
            {
                await redis.GetDatabase().KeyDeleteAsync(key);
            }
        }
    }
}
