using System.Text.Json.Nodes;
using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit;

namespace Checkpoint.Redis.Tests;

/// <summary>
/// DI registration: from a configuration string (the saver or store owns the connection and the container disposes
/// it) or over a registered multiplexer (which stays the caller's); registered serializers and clocks are used.
/// </summary>
/// <param name="fixture">The standalone server.</param>
public sealed class RedisDependencyInjectionTests(RedisFixture fixture)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saver_and_store_registered_by_configuration_string_work_and_are_disposed_with_the_container()
    {
        fixture.Redis.EnsureAvailable();
        var prefix = fixture.Redis.SharedPrefix + "di-" + Guid.NewGuid().ToString("N") + ":";
        var clock = new FakeTimeProvider(new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddRedisCheckpointSaver(fixture.Redis.Configuration, o => o.KeyPrefix = prefix + "cp:")
            .AddRedisStore(fixture.Redis.Configuration, o => o.KeyPrefix = prefix + "st:");
        RedisSaver saver;
        await using (var provider = services.BuildServiceProvider())
        {
            saver = provider.GetRequiredService<RedisSaver>();
            Assert.Same(saver, provider.GetRequiredService<BaseCheckpointSaver>());
            Assert.Same(provider.GetRequiredService<RedisStore>(), provider.GetRequiredService<BaseStore>());
            Assert.Equal(prefix + "cp:", saver.KeyPrefix);

            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["v"] = "di" });
            var config = await saver.PutAsync(new RunConfig("thread"), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint), Token);
            Assert.Equal("di", (await saver.GetTupleAsync(config, Token))!.Checkpoint.ChannelValues["v"]);
            var store = provider.GetRequiredService<BaseStore>();
            await store.PutAsync(["di"], "k", new JsonObject { ["v"] = 1 }, null, null, Token);
            Assert.Equal(clock.GetUtcNow(), (await store.GetAsync(["di"], "k", cancellationToken: Token))!.CreatedAt);
        }

        Assert.Throws<ObjectDisposedException>(() => saver.GetTuple(new RunConfig("thread")));
        await RedisKeyCleaner.DeleteByPrefixAsync(fixture.Redis.Connection, prefix);
    }

    [Fact]
    public async Task A_saver_registered_over_a_container_multiplexer_leaves_that_connection_open()
    {
        fixture.Redis.EnsureAvailable();
        var prefix = fixture.Redis.SharedPrefix + "di-" + Guid.NewGuid().ToString("N") + ":";
        await using var connection = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.Configuration);
        var serializer = new JsonCheckpointSerializer();
        var services = new ServiceCollection()
            .AddSingleton<IConnectionMultiplexer>(connection)
            .AddSingleton<ICheckpointSerializer>(serializer)
            .AddRedisCheckpointSaver(o => o.KeyPrefix = prefix)
            .AddRedisStore(o => o.KeyPrefix = prefix + "st:");
        await using (var provider = services.BuildServiceProvider())
        {
            var saver = provider.GetRequiredService<BaseCheckpointSaver>();
            Assert.Same(serializer, saver.Serializer);
            await saver.SetupAsync(Token);
            await provider.GetRequiredService<BaseStore>().SetupAsync(Token);
        }

        Assert.True(connection.IsConnected);
        Assert.Equal(RedisSaver.CurrentSchemaVersion, (int)await connection.GetDatabase().StringGetAsync(RedisSaver.SchemaKey(prefix)));
        await RedisKeyCleaner.DeleteByPrefixAsync(connection, prefix);
    }
}
