using System.Text.Json.Nodes;
using Xunit;
using static Checkpoint.ConformanceSuite.StoreTestData;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Concurrent writers (<see cref="BackendCapabilities.ConcurrentWriters"/> of them, each on its own thread): every
/// acknowledged checkpoint and item reads back whole, none is torn or lost (contract: put is atomic; stores are
/// thread-safe).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class ConcurrencyTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    private const int ChainLength = 10;

    [Theory, BothModes]
    public virtual async Task Concurrent_writers_on_their_own_threads_lose_and_tear_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threads = Enumerable.Range(0, Capabilities.ConcurrentWriters).Select(_ => NewThreadId()).ToList();

        var written = await RunTogetherAsync(threads.Select((threadId, writer) => (Func<Task<List<WrittenCheckpoint>>>)(() => WriteChainAsync(saver, threadId, writer))));

        foreach (var (threadId, chain) in threads.Zip(written))
        {
            var listed = await saver.ListAsync(TestData.Config(threadId));
            Assert.Equal(chain.Select(c => c.Config.CheckpointId).Reverse(), listed.Select(t => t.Config.CheckpointId));
            await AssertIntactAsync(saver, chain);
        }
    }

    [Theory, BothModes]
    public virtual async Task Concurrent_writers_on_one_shared_thread_lose_and_tear_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();

        var written = await RunTogetherAsync(Enumerable.Range(0, Capabilities.ConcurrentWriters).Select(writer => (Func<Task<List<WrittenCheckpoint>>>)(() => WriteChainAsync(saver, threadId, writer))));

        var all = written.SelectMany(chain => chain).ToList();
        var listed = await saver.ListAsync(TestData.Config(threadId));
        Assert.Equal(Capabilities.ConcurrentWriters * ChainLength, listed.Count);
        Assert.Equal(all.Select(c => c.Config.CheckpointId).Order(StringComparer.Ordinal).Reverse(), listed.Select(t => t.Config.CheckpointId));
        Assert.Equal(all.Select(c => c.Checkpoint.Id).Max(StringComparer.Ordinal), (await saver.GetTupleAsync(TestData.Config(threadId)))?.Config.CheckpointId);
        foreach (var chain in written)
        {
            await AssertIntactAsync(saver, chain);
        }
    }

    [Theory, BothModes]
    public virtual async Task Concurrent_store_puts_on_distinct_keys_are_all_readable(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "concurrent");
        const int PutsPerWriter = 20;

        await RunTogetherAsync(Enumerable.Range(0, Capabilities.ConcurrentWriters).Select(writer => (Func<Task<bool>>)(async () =>
        {
            for (var i = 0; i < PutsPerWriter; i++)
            {
                await store.PutAsync(ns, $"w{writer:D2}-{i:D2}", Document(writer, i)).ConfigureAwait(false);
            }

            return true;
        })));

        for (var writer = 0; writer < Capabilities.ConcurrentWriters; writer++)
        {
            for (var i = 0; i < PutsPerWriter; i++)
            {
                var item = await store.GetAsync(ns, $"w{writer:D2}-{i:D2}");
                Assert.NotNull(item);
                StoreAssert.JsonEqual(Document(writer, i), item.Value);
            }
        }

        Assert.Equal(Capabilities.ConcurrentWriters * PutsPerWriter, (await store.SearchAsync(ns, limit: 10_000)).Count);
    }

    [Theory, BothModes]
    public virtual async Task Concurrent_store_puts_to_one_key_leave_one_complete_written_value(ApiMode mode)
    {
        var store = CreateStore(mode, Options(Clock()));
        var ns = Under(NewNamespace(), "concurrent");
        const int Rounds = 5;

        await RunTogetherAsync(Enumerable.Range(0, Capabilities.ConcurrentWriters).Select(writer => (Func<Task<bool>>)(async () =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                await store.PutAsync(ns, "contended", Document(writer, round)).ConfigureAwait(false);
            }

            return true;
        })));

        var item = await store.GetAsync(ns, "contended");
        Assert.NotNull(item);
        var candidates = Enumerable.Range(0, Capabilities.ConcurrentWriters).SelectMany(w => Enumerable.Range(0, Rounds).Select(r => Document(w, r)));
        Assert.Contains(candidates, candidate => JsonNode.DeepEquals(candidate, item.Value));
        Assert.Equal(Rounds - 1, item.Value["round"]!.GetValue<int>());
        Assert.Equal(item.Key, Assert.Single(await store.SearchAsync(ns)).Key);
    }

    // A document whose parts all depend on the writer, so a mix of two writes is detectable.
    private static JsonObject Document(int writer, int round) => new()
    {
        ["writer"] = writer,
        ["round"] = round,
        ["payload"] = new JsonArray([.. Enumerable.Range(0, 200).Select(i => (JsonNode?)(writer + i))]),
        ["text"] = new string((char)('a' + writer), 2000),
        ["nested"] = new JsonObject { ["writer"] = writer, ["round"] = round },
    };

    private static async Task<List<T>> RunTogetherAsync<T>(IEnumerable<Func<Task<T>>> writers)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = writers.Select(writer => Task.Run(async () =>
        {
            await start.Task.ConfigureAwait(false);
            return await writer().ConfigureAwait(false);
        })).ToList();
        start.SetResult();
        return [.. await Task.WhenAll(running)];
    }

    // Puts a chain of checkpoints: every step changes "counter" and "log", "owner" is written once and carried over;
    // each checkpoint then gets two pending writes.
    private static async Task<List<WrittenCheckpoint>> WriteChainAsync(SaverApi saver, string threadId, int writer)
    {
        var written = new List<WrittenCheckpoint>();
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        var log = new List<string>();
        RunConfig? parent = null;
        for (var step = 0; step < ChainLength; step++)
        {
            log.Add($"writer {writer} step {step}");
            var values = new Dictionary<string, object?>
            {
                ["counter"] = (long)(writer * 1000 + step),
                ["log"] = new List<string>(log),
                ["owner"] = $"writer-{writer}",
            };
            var changed = step == 0 ? new[] { "counter", "log", "owner" } : ["counter", "log"];
            foreach (var channel in changed)
            {
                versions[channel] = ChannelVersion.Next(versions.GetValueOrDefault(channel));
            }

            var checkpoint = TestData.Checkpoint(values, new Dictionary<string, string>(versions));
            var metadata = TestData.Metadata(step: step, extra: new Dictionary<string, JsonNode?> { ["writer"] = writer });
            var config = await saver.PutAsync(
                TestData.Config(threadId, string.Empty, parent?.CheckpointId),
                checkpoint,
                metadata,
                changed.ToDictionary(c => c, c => versions[c])).ConfigureAwait(false);
            var writes = new List<PendingWrite>
            {
                new($"task-{writer}-{step}", "counter", (long)step, "path"),
                new($"task-{writer}-{step}", SpecialChannels.Error, $"error {writer}/{step}", "path"),
            };
            await saver.PutWritesAsync(config, [.. writes.Select(w => new ChannelWrite(w.Channel, w.Value))], writes[0].TaskId, "path").ConfigureAwait(false);
            written.Add(new WrittenCheckpoint(config, parent, checkpoint, metadata, [writes[1], writes[0]]));
            parent = config;
        }

        return written;
    }

    private static async Task AssertIntactAsync(SaverApi saver, IEnumerable<WrittenCheckpoint> chain)
    {
        foreach (var expected in chain)
        {
            var tuple = await saver.GetTupleAsync(expected.Config);
            Assert.NotNull(tuple);
            Assert.Equal(expected.Config, tuple.Config);
            Assert.Equal(expected.Parent, tuple.ParentConfig);
            ValueAssert.CheckpointEqual(expected.Checkpoint, tuple.Checkpoint);
            Assert.Equal(expected.Metadata, tuple.Metadata);
            Assert.Equal(expected.Writes.Count, tuple.PendingWrites.Count);
            foreach (var (write, actual) in expected.Writes.Zip(tuple.PendingWrites))
            {
                Assert.Equal((write.TaskId, write.Channel, write.TaskPath), (actual.TaskId, actual.Channel, actual.TaskPath));
                ValueAssert.Equal(write.Value, actual.Value);
            }
        }
    }

    private sealed record WrittenCheckpoint(RunConfig Config, RunConfig? Parent, GraphCheckpoint Checkpoint, CheckpointMetadata Metadata, IReadOnlyList<PendingWrite> Writes);
}
