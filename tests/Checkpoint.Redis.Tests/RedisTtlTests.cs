using System.Text.Json.Nodes;
using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Tests.Support;
using StackExchange.Redis;
using Xunit;

namespace Checkpoint.Redis.Tests;

/// <summary>
/// The saver's TTL: with one configured, no key a thread owns is ever left without it (after puts, writes, copies and
/// prunes), reads restart it only when asked, and without one nothing expires.
/// </summary>
/// <param name="redis">The server under test.</param>
public abstract class RedisTtlTests(RedisTestStore redis)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_a_ttl_every_key_of_a_thread_expires_after_puts_writes_copies_and_prunes()
    {
        redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var saver = new RedisSaver(redis.Connection, new RedisSaverOptions { KeyPrefix = database.SaverPrefix, Ttl = Ttl });
        await saver.SetupAsync(Token);
        await WriteThreadAsync(saver, "source");
        await saver.PutWritesAsync(new RunConfig("writes-only", "", "no-such-checkpoint"), [new ChannelWrite("c", 1L)], "task", cancellationToken: Token);
        await saver.CopyThreadAsync("source", "copy", Token);
        await WriteThreadAsync(saver, "pruned");
        await saver.PruneAsync(["pruned"], PruneStrategy.KeepLatest, Token);

        var ttls = await ThreadKeyTtlsAsync(database);

        Assert.Equal(7 + 7 + 7 + 2, ttls.Count);
        Assert.All(ttls, t => Assert.True(t.Ttl > TimeSpan.Zero && t.Ttl <= Ttl, $"{t.Key} has TTL {t.Ttl?.ToString() ?? "none"}."));
    }

    [Fact]
    public async Task Reads_restart_the_ttl_only_with_refresh_on_read()
    {
        redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var refreshing = new RedisSaver(redis.Connection, new RedisSaverOptions { KeyPrefix = database.SaverPrefix, Ttl = Ttl, RefreshTtlOnRead = true });
        await using var plain = new RedisSaver(redis.Connection, new RedisSaverOptions { KeyPrefix = database.SaverPrefix, Ttl = Ttl });
        await WriteThreadAsync(plain, "read-plain");
        await WriteThreadAsync(plain, "read-refreshing");
        await WriteThreadAsync(plain, "listed-refreshing");
        var shortened = TimeSpan.FromMinutes(1);
        foreach (var (key, _) in await ThreadKeyTtlsAsync(database))
        {
            await redis.Connection.GetDatabase().KeyExpireAsync(key, shortened);
        }

        Assert.NotNull(await plain.GetTupleAsync(new RunConfig("read-plain"), Token));
        Assert.NotNull(await refreshing.GetTupleAsync(new RunConfig("read-refreshing"), Token));
        Assert.NotEmpty(await refreshing.ListAsync(new RunConfig("listed-refreshing"), cancellationToken: Token).ToListAsync(Token));

        var ttls = await ThreadKeyTtlsAsync(database);
        Assert.All(ttls.Where(t => Thread(t.Key) == "read-plain"), t => Assert.True(t.Ttl <= shortened, $"{t.Key} was refreshed by a plain read."));
        Assert.All(ttls.Where(t => Thread(t.Key) != "read-plain"), t => Assert.True(t.Ttl > shortened, $"{t.Key} was not refreshed."));
    }

    [Fact]
    public async Task Without_a_ttl_nothing_expires()
    {
        redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var saver = database.CreateSaver();
        await WriteThreadAsync((RedisSaver)saver, "kept");

        Assert.All(await ThreadKeyTtlsAsync(database), t => Assert.Null(t.Ttl));
    }

    [Fact]
    public void A_non_positive_ttl_is_rejected()
    {
        redis.EnsureAvailable();

        Assert.Throws<ArgumentOutOfRangeException>(() => new RedisSaver(redis.Connection, new RedisSaverOptions { Ttl = TimeSpan.Zero }));
    }

    // Two checkpoints (blobs, a run index entry) and a pending write on each.
    private static async Task WriteThreadAsync(RedisSaver saver, string threadId)
    {
        var parent = new RunConfig(threadId);
        for (var step = 0; step < 2; step++)
        {
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["step"] = (long)step }, new Dictionary<string, string> { ["step"] = $"{step + 1}" });
            var metadata = TestData.Metadata(step: step, extra: new Dictionary<string, JsonNode?> { ["run_id"] = "run-1" });
            parent = await saver.PutAsync(parent, checkpoint, metadata, TestData.AllVersions(checkpoint), Token);
            await saver.PutWritesAsync(parent, [new ChannelWrite("step", (long)step)], "task", cancellationToken: Token);
        }
    }

    private async Task<List<(RedisKey Key, TimeSpan? Ttl)>> ThreadKeyTtlsAsync(RedisTestDatabase database)
    {
        var keys = await RedisKeyCleaner.KeysAsync(redis.Connection, database.SaverPrefix + "thread");
        var result = new List<(RedisKey, TimeSpan?)>();
        foreach (var key in keys)
        {
            result.Add((key, await redis.Connection.GetDatabase().KeyTimeToLiveAsync(key)));
        }

        return result;
    }

    private static string Thread(RedisKey key)
    {
        var text = key.ToString();
        var open = text.IndexOf('{', StringComparison.Ordinal);
        return System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(text.AsSpan()[(open + 1)..text.IndexOf('}', open)]));
    }
}

public sealed class StandaloneRedisTtlTests(RedisFixture fixture) : RedisTtlTests(fixture.Redis);

public sealed class ClusterRedisTtlTests(RedisClusterFixture fixture) : RedisTtlTests(fixture.Redis);
