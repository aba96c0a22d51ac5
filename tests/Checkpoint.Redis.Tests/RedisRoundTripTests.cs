using System.Text.Json.Nodes;
using Checkpoint.ConformanceSuite;
using Checkpoint.Redis.Internal;
using Checkpoint.Redis.Tests.Support;
using StackExchange.Redis;
using StackExchange.Redis.Profiling;
using Xunit;

namespace Checkpoint.Redis.Tests;

/// <summary>
/// Pipelining: the commands each operation sends, counted with StackExchange.Redis's profiler on a private
/// connection, do not grow with the number of channels, writes or items.
/// </summary>
/// <param name="redis">The server under test.</param>
public abstract class RedisRoundTripTests(RedisTestStore redis) : IAsyncLifetime
{
    private const int Many = 60;
    private ConnectionMultiplexer? _connection;
    private ProfilingSession? _session;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        redis.EnsureAvailable();
        _connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        _connection.RegisterProfiler(() => _session);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Put_write_and_get_send_one_command_each_whatever_the_number_of_channels_and_writes()
    {
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var saver = new RedisSaver(_connection!, new RedisSaverOptions { KeyPrefix = database.SaverPrefix });
        var values = Enumerable.Range(0, Many).ToDictionary(i => $"channel-{i}", i => (object?)$"value {i}");
        await WarmUpAsync(saver);

        // The put that starts a thread also announces it to the thread index, before and after (see ThreadIndex).
        RunConfig? started = null;
        var start = await CountAsync(async () => started = await saver.PutAsync(new RunConfig("thread"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions(), Token));
        var checkpoint = TestData.Checkpoint(values);
        var put = await CountAsync(() => saver.PutAsync(started!, checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint), Token));
        var writes = await CountAsync(() => saver.PutWritesAsync(new RunConfig("thread", "", checkpoint.Id), [.. values.Select(v => new ChannelWrite(v.Key, v.Value))], "task", cancellationToken: Token));
        var get = await CountAsync(() => saver.GetTupleAsync(new RunConfig("thread"), Token));
        var sync = Count(() => saver.GetTuple(new RunConfig("thread")));

        Assert.Equal((3, 1, 1, 1, 1), (start, put, writes, get, sync));
        Assert.Equal(Many, (await saver.GetTupleAsync(new RunConfig("thread"), Token))!.PendingWrites.Count);
    }

    [Fact]
    public async Task Delta_history_walks_the_whole_parent_chain_in_one_command()
    {
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var saver = new RedisSaver(_connection!, new RedisSaverOptions { KeyPrefix = database.SaverPrefix });
        var chain = await TestData.PutChainAsync(new SaverApi(saver, ApiMode.Async), "thread", Many);
        foreach (var config in chain)
        {
            await saver.PutWritesAsync(config, [new ChannelWrite("delta", config.CheckpointId)], "task", cancellationToken: Token);
        }

        await saver.GetDeltaChannelHistoryAsync(chain[0], ["delta"], Token);

        IReadOnlyDictionary<string, DeltaChannelHistory>? history = null;
        var commands = await CountAsync(async () => history = await saver.GetDeltaChannelHistoryAsync(chain[^1], ["delta"], Token));

        Assert.Equal(1, commands);
        Assert.False(history!["delta"].HasSeed);
        Assert.Equal(chain.SkipLast(1).Select(c => (object?)c.CheckpointId), history["delta"].Writes.Select(w => w.Value));
    }

    [Fact]
    public async Task Listing_a_thread_reads_pages_and_batches_not_one_checkpoint_at_a_time()
    {
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var saver = new RedisSaver(_connection!, new RedisSaverOptions { KeyPrefix = database.SaverPrefix });
        await TestData.PutChainAsync(new SaverApi(saver, ApiMode.Async), "thread", Many);
        await WarmUpAsync(saver);

        var listed = 0;
        var commands = await CountAsync(async () => listed = await saver.ListAsync(new RunConfig("thread"), cancellationToken: Token).CountAsync(Token));
        var filtered = await CountAsync(() => saver.ListAsync(new RunConfig("thread"), new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { ["step"] = 1 } }, Token).ToListAsync(Token).AsTask());

        Assert.Equal(Many, listed);
        Assert.True(commands <= 1 + ((Many + 31) / 32), $"Listing {Many} checkpoints sent {commands} commands.");
        Assert.True(filtered <= 1 + ((Many + 31) / 32) + 1, $"A filtered listing sent {filtered} commands.");
    }

    [Fact]
    public async Task A_store_batch_of_puts_and_a_search_send_a_fixed_number_of_commands()
    {
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var store = new RedisStore(_connection!, new RedisStoreOptions { KeyPrefix = database.StorePrefix });
        StoreNamespace ns = ["round-trips"];
        await store.PutAsync(ns, "warm-up", new JsonObject(), null, null, Token);
        await store.SearchAsync(ns, cancellationToken: Token).ToListAsync(Token);

        var puts = await CountAsync(() => store.BatchAsync([.. Enumerable.Range(0, Many).Select(i => new PutOperation(ns, $"k{i}", new JsonObject { ["i"] = i }))], Token));
        var found = 0;
        var search = await CountAsync(async () => found = await store.SearchAsync(ns, limit: 1000, refreshTtl: false, cancellationToken: Token).CountAsync(Token));

        Assert.Equal(Many + 1, found);
        Assert.Equal((2, 2), (puts, search));
    }

    [Fact]
    public async Task Deleting_threads_takes_one_round_trip_on_one_node_and_three_on_a_cluster_and_retires_their_index_entries()
    {
        await using var database = (RedisTestDatabase)await redis.CreateDatabaseAsync();
        await using var saver = new RedisSaver(_connection!, new RedisSaverOptions { KeyPrefix = database.SaverPrefix });
        await saver.SetupAsync(Token);
        string[] threads = ["kept", "deleted", .. Enumerable.Range(0, Many).Select(i => $"pruned-{i}")];
        foreach (var thread in threads)
        {
            await saver.PutAsync(new RunConfig(thread), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions(), Token);
        }

        await WarmUpAsync(saver);
        await saver.DeleteThreadAsync("warm-up", Token);

        var deleted = await CountAsync(() => saver.DeleteThreadAsync("deleted", Token));
        var pruned = await CountAsync(() => saver.PruneAsync(threads[2..], PruneStrategy.DeleteAll, Token));

        // One node: one script per thread deletes it and its index entry, all pipelined. A cluster: read the
        // generations, delete the threads, retire the entries (see RedisSaver.RemoveThreadsAsync).
        Assert.Equal(redis is ClusterRedisTestStore ? (3, Many + 2) : (1, Many), (deleted, pruned));
        var index = ThreadIndex.Keys(database.SaverPrefix);
        var keys = _connection!.GetDatabase();
        Assert.Equal(["kept"], (await keys.SortedSetRangeByRankAsync(index[ThreadIndex.Members])).Select(m => OrdinalEncoding.Decode((byte[])m!)));
        Assert.Equal(1, await keys.HashLengthAsync(index[ThreadIndex.Generations]));
        Assert.Equal(["kept"], await saver.ListThreadsAsync(cancellationToken: Token).Select(t => t.ThreadId).ToListAsync(Token));
    }

    // Loads every script this test uses, so counts exclude the one-off SCRIPT LOAD.
    private static async Task WarmUpAsync(RedisSaver saver)
    {
        var checkpoint = TestData.Checkpoint();
        var config = await saver.PutAsync(new RunConfig("warm-up"), checkpoint, TestData.Metadata(), TestData.NoVersions(), Token);
        await saver.PutWritesAsync(config, [new ChannelWrite("c", 1L)], "task", cancellationToken: Token);
        await saver.GetTupleAsync(config, Token);
        await saver.ListAsync(new RunConfig("warm-up"), cancellationToken: Token).ToListAsync(Token);
    }

    private async Task<int> CountAsync(Func<Task> operation)
    {
        _session = new ProfilingSession();
        await operation();
        return Finish();
    }

    private int Count(Action operation)
    {
        _session = new ProfilingSession();
        operation();
        return Finish();
    }

    private int Finish()
    {
        var commands = _session!.FinishProfiling().Count(c => c.Command is not ("SCRIPT" or "PING" or "ECHO"));
        _session = null;
        return commands;
    }
}

public sealed class StandaloneRedisRoundTripTests(RedisFixture fixture) : RedisRoundTripTests(fixture.Redis);

public sealed class ClusterRedisRoundTripTests(RedisClusterFixture fixture) : RedisRoundTripTests(fixture.Redis);
