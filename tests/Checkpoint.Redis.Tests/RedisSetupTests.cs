using System.Reflection;
using System.Text.Json.Nodes;
using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Internal;
using Checkpoint.Redis.Tests.Support;
using Xunit;

namespace Checkpoint.Redis.Tests;

/// <summary>A checkpointer and a store set up in one key space: each keeps its own schema version, and their setups race safely.</summary>
/// <param name="redis">The server under test.</param>
public abstract class RedisSetupTests(RedisTestStore redis)
{
    private const int Processes = 16;

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

    [Fact]
    public async Task Threads_written_under_schema_version_1_are_listed_before_setup_and_after_setup_fills_the_thread_index()
    {
        redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        var prefix = database.SaverPrefix;
        var options = new RedisSaverOptions { KeyPrefix = prefix };
        await using (var writer = new RedisSaver(redis.Connection, options))
        {
            foreach (var threadId in new[] { "b", "a", "c" })
            {
                await writer.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions(), Token);
            }
        }

        // What version 1 leaves behind: the threads' keys, no thread index, version 1 recorded.
        var keys = redis.Connection.GetDatabase();
        var index = ThreadIndex.Keys(prefix);
        await keys.KeyDeleteAsync(index);
        await keys.StringSetAsync(RedisSaver.SchemaKey(prefix), 1);
        await using var saver = new RedisSaver(redis.Connection, options);

        Assert.Equal(["a", "b", "c"], await saver.ListThreadsAsync(cancellationToken: Token).Select(t => t.ThreadId).ToListAsync(Token));
        await saver.SetupAsync(Token);

        Assert.Equal(RedisSaver.CurrentSchemaVersion, (int)await keys.StringGetAsync(RedisSaver.SchemaKey(prefix)));
        Assert.Equal(3, await keys.SortedSetLengthAsync(index[ThreadIndex.Members]));
        await using var upgraded = new RedisSaver(redis.Connection, options);
        Assert.Equal(["a", "b", "c"], upgraded.ListThreads().Select(t => t.ThreadId));
        Assert.Equal(["b"], await upgraded.ListThreadsAsync(new ThreadListOptions { After = "a", Limit = 1 }, Token).Select(t => t.ThreadId).ToListAsync(Token));
    }

    [Fact]
    public async Task Saver_and_store_setups_of_one_new_key_prefix_from_16_processes_succeed_in_every_round()
    {
        redis.EnsureAvailable();
        var runner = typeof(RedisSetupTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SetupRunnerPath").Value!;
        await using var race = await ProcessRace.StartAsync(Processes, runner, [redis.Configuration], Token);

        for (var round = 0; round < 4; round++)
        {
            // Rounds alternate a plain prefix and one with spaces, quotes, glob characters (escaped in SCAN patterns)
            // and non-ASCII letters; saver and store share it, the harder case.
            await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
            var prefix = round % 2 == 0 ? database.Prefix : database.Prefix + "race \"*?[x]\" Ünïcode:";
            var answers = await race.RoundAsync(prefix, Token);

            Assert.All(answers, answer => Assert.True(answer == "ok", $"A setup process failed on prefix '{prefix}': {answer}"));
            var keys = redis.Connection.GetDatabase();
            Assert.Equal(RedisSaver.CurrentSchemaVersion, (int)await keys.StringGetAsync(RedisSaver.SchemaKey(prefix)));
            Assert.Equal(RedisStore.CurrentSchemaVersion, (int)await keys.StringGetAsync(StoreKeys.Schema(prefix)));

            await using var saver = new RedisSaver(redis.Connection, new RedisSaverOptions { KeyPrefix = prefix });
            var stored = await saver.PutAsync(TestData.Config("thread"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions(), Token);
            Assert.NotNull(await saver.GetTupleAsync(stored, Token));
            Assert.Equal(["thread"], saver.ListThreads().Select(t => t.ThreadId));
            await using var store = new RedisStore(redis.Connection, new RedisStoreOptions { KeyPrefix = prefix });
            await store.PutAsync(["race"], "k", new JsonObject { ["v"] = round }, cancellationToken: Token);
            Assert.NotNull(await store.GetAsync(["race"], "k", cancellationToken: Token));
        }
    }
}

public sealed class StandaloneRedisSetupTests(RedisFixture fixture) : RedisSetupTests(fixture.Redis);

public sealed class ClusterRedisSetupTests(RedisClusterFixture fixture) : RedisSetupTests(fixture.Redis);
