using System.Text.Json.Nodes;
using Checkpoint.Redis.Internal;
using Checkpoint.Redis.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit;

namespace Checkpoint.Redis.Tests;

/// <summary>
/// The store's namespace registry, which lets search and list-namespaces work on a cluster without scanning keys:
/// namespaces enter it when written, leave it when a sweep finds them empty, and come back with the next put.
/// </summary>
/// <param name="redis">The server under test.</param>
public abstract class RedisStoreRegistryTests(RedisTestStore redis)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Namespaces_are_registered_on_put_dropped_by_a_sweep_once_empty_and_registered_again_on_put()
    {
        redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var store = new RedisStore(redis.Connection, new RedisStoreOptions { KeyPrefix = database.StorePrefix, TimeProvider = clock });
        await store.PutAsync(["kept"], "k", new JsonObject(), null, null, Token);
        await store.PutAsync(["deleted"], "k", new JsonObject(), null, null, Token);
        await store.PutAsync(["expired"], "k", new JsonObject(), null, TimeSpan.FromMinutes(1), Token);
        await store.DeleteAsync(["deleted"], "k", Token);
        Assert.Equal(["deleted", "expired", "kept"], await RegisteredAsync(database));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await store.SweepExpiredAsync(Token));
        Assert.Equal(["kept"], await RegisteredAsync(database));
        Assert.Equal([new StoreNamespace(["kept"])], await store.ListNamespacesAsync(cancellationToken: Token).ToListAsync(Token));

        await store.PutAsync(["deleted"], "again", new JsonObject(), null, null, Token);
        Assert.Equal(["deleted", "kept"], await RegisteredAsync(database));
        Assert.Equal("again", Assert.Single(await store.SearchAsync(["deleted"], cancellationToken: Token).ToListAsync(Token)).Key);
    }

    [Fact]
    public async Task Expiry_follows_the_store_clock_and_redis_never_expires_store_keys_by_itself()
    {
        redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var store = new RedisStore(redis.Connection, new RedisStoreOptions { KeyPrefix = database.StorePrefix, TimeProvider = clock });
        await store.PutAsync(["ttl"], "k", new JsonObject(), null, TimeSpan.FromMilliseconds(1), Token);

        var keys = await RedisKeyCleaner.KeysAsync(redis.Connection, database.StorePrefix);
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            Assert.Null(await redis.Connection.GetDatabase().KeyTimeToLiveAsync(key));
        }

        Assert.NotNull(await store.GetAsync(["ttl"], "k", refreshTtl: false, cancellationToken: Token));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await store.GetAsync(["ttl"], "k", cancellationToken: Token));
    }

    private async Task<List<string>> RegisteredAsync(RedisTestDatabase database) =>
        [.. (await redis.Connection.GetDatabase().SortedSetRangeByRankAsync(StoreKeys.Registry(database.StorePrefix)))
            .Select(m => StoreKeys.FromMember((byte[])m!).Path)];
}

public sealed class StandaloneRedisStoreRegistryTests(RedisFixture fixture) : RedisStoreRegistryTests(fixture.Redis);

public sealed class ClusterRedisStoreRegistryTests(RedisClusterFixture fixture) : RedisStoreRegistryTests(fixture.Redis);
