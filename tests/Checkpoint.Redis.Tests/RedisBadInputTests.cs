using System.Text.Json.Nodes;
using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Tests.Support;
using StackExchange.Redis;
using Xunit;

namespace Checkpoint.Redis.Tests;

/// <summary>
/// Identifiers that could confuse a key layout (braces that would hijack the cluster hash tag, colons and spaces,
/// glob characters, emoji, combining marks, 10 KB names) are stored verbatim and never mistaken for one another; NUL and
/// unpaired surrogates are rejected before anything is written.
/// </summary>
/// <param name="redis">The server under test.</param>
public abstract class RedisBadInputTests(RedisTestStore redis)
{
    private static readonly string[] AwkwardIds =
    [
        "a", "{a}", "{", "}", "{}", "a}b{c", ":", "a:b:c", " ", " padded ", "\t", "*", "?", "[a-z]", "\\",
        "thread{with}braces:and:colons", "emoji 🧵", "é", "e\u0301", new string('l', 10_000),
    ];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Awkward_thread_ids_and_namespaces_are_stored_verbatim_and_kept_apart()
    {
        redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var saver = database.CreateSaver();
        foreach (var id in AwkwardIds)
        {
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["who"] = Who(id) });
            var config = await saver.PutAsync(new RunConfig(id, id), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint), Token);
            await saver.PutWritesAsync(config, [new ChannelWrite("who", Who(id))], id, cancellationToken: Token);
        }

        await saver.DeleteThreadAsync("{a}", Token);

        var kept = AwkwardIds.Where(id => id != "{a}").ToList();
        Assert.Equal(kept.Order(StringComparer.Ordinal), (await saver.ListThreadsAsync(cancellationToken: Token).ToListAsync(Token)).Select(t => t.ThreadId));
        Assert.Null(await saver.GetTupleAsync(new RunConfig("{a}", "{a}"), Token));
        foreach (var id in kept)
        {
            var tuple = await saver.GetTupleAsync(new RunConfig(id, id), Token);
            Assert.NotNull(tuple);
            Assert.Equal((id, id), (tuple.Config.ThreadId, tuple.Config.CheckpointNs));
            Assert.Equal(Who(id), tuple.Checkpoint.ChannelValues["who"]);
            Assert.Equal(new PendingWrite(id, "who", Who(id)), Assert.Single(tuple.PendingWrites));
        }
    }

    [Fact]
    public async Task Every_key_of_a_thread_shares_one_cluster_slot_whatever_its_id()
    {
        redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var saver = database.CreateSaver();
        foreach (var id in AwkwardIds)
        {
            var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["who"] = id });
            var metadata = TestData.Metadata(extra: new Dictionary<string, JsonNode?> { ["run_id"] = "run" });
            var config = await saver.PutAsync(new RunConfig(id), checkpoint, metadata, TestData.AllVersions(checkpoint), Token);
            await saver.PutWritesAsync(config, [new ChannelWrite("who", id)], "task", cancellationToken: Token);
        }

        var keys = await RedisKeyCleaner.KeysAsync(redis.Connection, database.SaverPrefix + "thread");
        var threads = keys.GroupBy(k => Tag(k)).ToList();

        Assert.Equal(AwkwardIds.Length, threads.Count);
        Assert.All(threads, thread =>
        {
            Assert.Equal(7, thread.Count());
            Assert.Single(thread.Select(k => redis.Connection.HashSlot(k)).Distinct());
        });
    }

    [Fact]
    public async Task Identifiers_with_nul_or_unpaired_surrogates_are_rejected_and_nothing_is_written()
    {
        redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var saver = database.CreateSaver();
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["v"] = 1L });
        var withNulId = TestData.Checkpoint();
        withNulId.Id = "id\0";

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(new RunConfig("a\0b"), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint), Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(new RunConfig("t", "ns\0"), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint), Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(new RunConfig("t"), withNulId, TestData.Metadata(), TestData.NoVersions(), Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutWritesAsync(new RunConfig("t", "", "id"), [new ChannelWrite("c", 1)], "task\0", cancellationToken: Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutWritesAsync(new RunConfig("t", "", "id"), [new ChannelWrite("c\0", 1)], "task", cancellationToken: Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutAsync(new RunConfig("lone \ud800"), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint), Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutWritesAsync(new RunConfig("t", "\udc00", "id"), [new ChannelWrite("c", 1)], "task", cancellationToken: Token));

        Assert.Empty(await RedisKeyCleaner.KeysAsync(redis.Connection, database.Prefix));
    }

    [Fact]
    public async Task Awkward_store_namespaces_and_keys_are_stored_verbatim_and_invalid_ones_rejected()
    {
        redis.EnsureAvailable();
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var store = database.CreateStore(new StoreOptions());
        var labels = AwkwardIds.Where(id => id.Length > 0).ToList();
        foreach (var label in labels)
        {
            await store.PutAsync([label, "x"], label, new JsonObject { ["who"] = Who(label) }, null, null, Token);
        }

        await Assert.ThrowsAsync<InvalidNamespaceException>(() => store.PutAsync(["a.b"], "k", new JsonObject(), null, null, Token));
        await Assert.ThrowsAsync<InvalidNamespaceException>(() => store.PutAsync(["a\0"], "k", new JsonObject(), null, null, Token));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.PutAsync(["a"], "k\0", new JsonObject(), null, null, Token));

        foreach (var label in labels)
        {
            var item = await store.GetAsync([label, "x"], label, cancellationToken: Token);
            Assert.NotNull(item);
            Assert.Equal((label, Who(label)), (item.Key, item.Value["who"]!.GetValue<string>()));
            Assert.Equal(label, Assert.Single(await store.SearchAsync([label], cancellationToken: Token).ToListAsync(Token)).Key);
        }

        // A read of a namespace that could never be written does not alias one that was.
        await store.PutAsync(["a", "b"], "k", new JsonObject { ["v"] = 1 }, null, null, Token);
        Assert.Null(await store.GetAsync(["a.b"], "k", cancellationToken: Token));
        Assert.Empty(await store.SearchAsync(["a.b"], cancellationToken: Token).ToListAsync(Token));
        Assert.Equal(labels.Count + 1, (await store.SearchAsync(StoreNamespace.Empty, limit: 1000, cancellationToken: Token).ToListAsync(Token)).Count);
    }

    [Fact]
    public void Key_prefixes_with_braces_are_rejected()
    {
        redis.EnsureAvailable();

        Assert.Throws<ArgumentException>(() => new RedisSaver(redis.Connection, new RedisSaverOptions { KeyPrefix = "app{1}:" }));
        Assert.Throws<ArgumentException>(() => new RedisStore(redis.Connection, new RedisStoreOptions { KeyPrefix = "app}:" }));
    }

    private static string Who(string id) => "#" + Array.IndexOf(AwkwardIds, id);

    private static string Tag(RedisKey key)
    {
        var text = key.ToString();
        var open = text.IndexOf('{', StringComparison.Ordinal);
        return text[open..(text.IndexOf('}', open) + 1)];
    }
}

public sealed class StandaloneRedisBadInputTests(RedisFixture fixture) : RedisBadInputTests(fixture.Redis);

public sealed class ClusterRedisBadInputTests(RedisClusterFixture fixture) : RedisBadInputTests(fixture.Redis);
