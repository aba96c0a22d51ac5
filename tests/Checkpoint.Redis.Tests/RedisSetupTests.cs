using Checkpoint.Redis.Internal;
using Checkpoint.Redis.Tests.Support;
using Xunit;

namespace Checkpoint.Redis.Tests;

/// <summary>A checkpointer and a store set up in one key space: each keeps its own schema version.</summary>
/// <param name="redis">The server under test.</param>
public abstract class RedisSetupTests(RedisTestStore redis)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saver_and_a_store_sharing_one_key_prefix_record_and_check_separate_schema_versions()
    {
        redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        var prefix = database.SaverPrefix;
        await using var saver = new RedisSaver(redis.Connection, new RedisSaverOptions { KeyPrefix = prefix });
        await using var store = new RedisStore(redis.Connection, new RedisStoreOptions { KeyPrefix = prefix });

        await Task.WhenAll(saver.SetupAsync(Token), store.SetupAsync(Token));

        // A newer store schema (a later release's) is refused by the store alone; the saver's setup is unaffected.
        var keys = redis.Connection.GetDatabase();
        Assert.Equal(RedisSaver.CurrentSchemaVersion, (int)await keys.StringGetAsync(RedisSaver.SchemaKey(prefix)));
        Assert.Equal(RedisStore.CurrentSchemaVersion, (int)await keys.StringGetAsync(StoreKeys.Schema(prefix)));
        await keys.StringSetAsync(StoreKeys.Schema(prefix), RedisStore.CurrentSchemaVersion + 1);
        await saver.SetupAsync(Token);
        await Assert.ThrowsAsync<SchemaVersionException>(() => store.SetupAsync(Token));
    }
}

public sealed class StandaloneRedisSetupTests(RedisFixture fixture) : RedisSetupTests(fixture.Redis);

public sealed class ClusterRedisSetupTests(RedisClusterFixture fixture) : RedisSetupTests(fixture.Redis);
