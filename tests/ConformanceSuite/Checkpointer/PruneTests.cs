using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Prune: <see cref="PruneStrategy.KeepLatest"/>, <see cref="PruneStrategy.KeepLast"/>,
/// <see cref="PruneStrategy.OlderThan"/> and <see cref="PruneStrategy.DeleteAll"/>, per thread and namespace
/// (LangGraph Python catalogue 74-81; contract: the newest checkpoint is always kept by OlderThan, unparsable or empty
/// timestamps are kept, writes of removed checkpoints go, kept checkpoints still read every channel value, values no
/// remaining checkpoint refers to go, unlisted threads are untouched).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class PruneTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory, BothModes]
    public virtual async Task Prune_keep_latest_leaves_only_the_newest_checkpoint(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var configs = await TestData.PutChainAsync(saver, threadId, 4);

        await saver.PruneAsync([threadId], PruneStrategy.KeepLatest);

        Assert.Equal([configs[3]], (await saver.ListAsync(TestData.Config(threadId))).Select(t => t.Config));
        Assert.Null(await saver.GetTupleAsync(configs[0]));
    }

    [Theory, BothModes]
    public virtual async Task Prune_keep_latest_keeps_the_newest_of_each_listed_thread(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (thread1, thread2) = (NewThreadId(), NewThreadId());
        var configs1 = await TestData.PutChainAsync(saver, thread1, 3);
        var configs2 = await TestData.PutChainAsync(saver, thread2, 2);

        await saver.PruneAsync([thread1, thread2], PruneStrategy.KeepLatest);

        Assert.Equal([configs1[2]], (await saver.ListAsync(TestData.Config(thread1))).Select(t => t.Config));
        Assert.Equal([configs2[1]], (await saver.ListAsync(TestData.Config(thread2))).Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Prune_keep_latest_keeps_the_newest_of_each_namespace(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var root = await TestData.PutChainAsync(saver, threadId, 3, string.Empty);
        var child = await TestData.PutChainAsync(saver, threadId, 2, "child:1");

        await saver.PruneAsync([threadId], PruneStrategy.KeepLatest);

        Assert.Equal([root[2]], (await saver.ListAsync(TestData.Config(threadId, string.Empty))).Select(t => t.Config));
        Assert.Equal([child[1]], (await saver.ListAsync(TestData.Config(threadId, "child:1"))).Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Prune_keeps_the_writes_of_kept_checkpoints_and_drops_the_others(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoints = Enumerable.Range(0, 3).Select(_ => TestData.Checkpoint()).ToList();
        var configs = new List<RunConfig>();
        RunConfig parent = TestData.Config(threadId);
        foreach (var checkpoint in checkpoints)
        {
            parent = await saver.PutAsync(parent, checkpoint, TestData.Metadata(), TestData.NoVersions());
            configs.Add(parent);
            await saver.PutWritesAsync(parent, [new("ch", "val-" + configs.Count)], "task", "path");
        }

        await saver.PruneAsync([threadId], PruneStrategy.KeepLatest);
        var kept = await saver.GetTupleAsync(TestData.Config(threadId));
        await saver.PutAsync(TestData.Config(threadId), checkpoints[0], TestData.Metadata(), TestData.NoVersions());
        var recreated = await saver.GetTupleAsync(configs[0]);

        Assert.NotNull(kept);
        Assert.Equal(configs[2], kept.Config);
        TupleAssert.PendingWritesEqual([new("task", "ch", "val-3", "path")], kept.PendingWrites);
        Assert.NotNull(recreated);
        Assert.Empty(recreated.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Prune_keeps_every_channel_value_of_kept_checkpoints_and_drops_unreferenced_ones(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var first = TestData.Checkpoint(new Dictionary<string, object?> { ["history"] = "written once", ["counter"] = 1L });
        var firstConfig = await saver.PutAsync(TestData.Config(threadId), first, TestData.Metadata(step: 0), TestData.AllVersions(first));
        var second = TestData.Checkpoint(
            new Dictionary<string, object?> { ["history"] = "written once", ["counter"] = 2L },
            new Dictionary<string, string> { ["history"] = "1", ["counter"] = "2" });
        var secondConfig = await saver.PutAsync(firstConfig, second, TestData.Metadata(step: 1), new Dictionary<string, string> { ["counter"] = "2" });

        await saver.PruneAsync([threadId], PruneStrategy.KeepLatest);
        var kept = await saver.GetTupleAsync(secondConfig);
        var probe = await saver.PutAsync(
            TestData.Config(threadId),
            TestData.Checkpoint(versions: new Dictionary<string, string> { ["history"] = "1", ["counter"] = "1" }),
            TestData.Metadata(),
            TestData.NoVersions());
        var probed = await saver.GetTupleAsync(probe);

        // "history" was written by the pruned checkpoint but the kept one still uses it; counter@1 is unreferenced.
        Assert.NotNull(kept);
        ValueAssert.CheckpointEqual(second, kept.Checkpoint);
        Assert.NotNull(probed);
        ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["history"] = "written once" }, probed.Checkpoint.ChannelValues);
    }

    [Theory, BothModes]
    public virtual async Task Prune_keep_last_keeps_that_many_newest_per_namespace(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var root = await TestData.PutChainAsync(saver, threadId, 4, string.Empty, values: step => new Dictionary<string, object?> { ["step"] = (long)step });
        var child = await TestData.PutChainAsync(saver, threadId, 1, "child:1");

        await saver.PruneAsync([threadId], PruneStrategy.KeepLast(2));
        var rootLeft = await saver.ListAsync(TestData.Config(threadId, string.Empty));

        Assert.Equal([root[3], root[2]], rootLeft.Select(t => t.Config));
        Assert.Equal([3L, 2L], rootLeft.Select(t => t.Checkpoint.ChannelValues["step"]));
        Assert.Equal(child, (await saver.ListAsync(TestData.Config(threadId, "child:1"))).Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Prune_keep_last_more_than_exist_keeps_everything(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        await TestData.PutChainAsync(saver, threadId, 3);
        var before = await saver.ListAsync(TestData.Config(threadId));

        await saver.PruneAsync([threadId], PruneStrategy.KeepLast(5));

        TupleAssert.SequenceEqual(before, await saver.ListAsync(TestData.Config(threadId)));
    }

    [Theory, BothModes]
    public virtual async Task Prune_older_than_removes_checkpoints_before_the_cutoff(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var configs = await PutWithTimestampsAsync(saver, threadId, string.Empty, [Noon.AddHours(-3), Noon.AddHours(-2), Noon.AddHours(-1), Noon.AddHours(1)]);

        await saver.PruneAsync([threadId], PruneStrategy.OlderThan(Noon.AddMinutes(-90)));

        Assert.Equal([configs[3], configs[2]], (await saver.ListAsync(TestData.Config(threadId))).Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Prune_older_than_keeps_a_checkpoint_exactly_at_the_cutoff(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var configs = await PutWithTimestampsAsync(saver, threadId, string.Empty, [Noon.AddSeconds(-1), Noon, Noon.AddSeconds(1)]);

        await saver.PruneAsync([threadId], PruneStrategy.OlderThan(Noon));

        Assert.Equal([configs[2], configs[1]], (await saver.ListAsync(TestData.Config(threadId))).Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Prune_older_than_always_keeps_the_newest_checkpoint_of_each_namespace(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var root = await PutWithTimestampsAsync(saver, threadId, string.Empty, [Noon.AddDays(-3), Noon.AddDays(-2)]);
        var child = await PutWithTimestampsAsync(saver, threadId, "child:1", [Noon.AddDays(-5)]);

        await saver.PruneAsync([threadId], PruneStrategy.OlderThan(Noon));

        Assert.Equal([root[1]], (await saver.ListAsync(TestData.Config(threadId, string.Empty))).Select(t => t.Config));
        Assert.Equal([child[0]], (await saver.ListAsync(TestData.Config(threadId, "child:1"))).Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Prune_older_than_keeps_checkpoints_with_empty_or_unparsable_timestamps(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = new List<RunConfig>();
        RunConfig parent = TestData.Config(threadId);
        foreach (var ts in new[] { string.Empty, "not a timestamp", GraphCheckpoint.FormatTimestamp(Noon.AddDays(-1)), "yesterday", GraphCheckpoint.FormatTimestamp(Noon.AddDays(-1)) })
        {
            var checkpoint = TestData.Checkpoint();
            checkpoint.Ts = ts;
            parent = await saver.PutAsync(parent, checkpoint, TestData.Metadata(), TestData.NoVersions());
            stored.Add(parent);
        }

        await saver.PruneAsync([threadId], PruneStrategy.OlderThan(Noon));

        Assert.Equal([stored[4], stored[3], stored[1], stored[0]], (await saver.ListAsync(TestData.Config(threadId))).Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Prune_older_than_compares_timestamps_with_their_offsets(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = new List<RunConfig>();
        RunConfig parent = TestData.Config(threadId);

        // 13:30+02:00 is 11:30Z (before noon); 10:30-02:00 is 12:30Z (after noon); the last is the newest, always kept.
        foreach (var ts in new[] { "2026-03-01T13:30:00+02:00", "2026-03-01T10:30:00-02:00", "2026-03-01T11:00:00.000000+00:00" })
        {
            var checkpoint = TestData.Checkpoint();
            checkpoint.Ts = ts;
            parent = await saver.PutAsync(parent, checkpoint, TestData.Metadata(), TestData.NoVersions());
            stored.Add(parent);
        }

        await saver.PruneAsync([threadId], PruneStrategy.OlderThan(Noon));

        Assert.Equal([stored[2], stored[1]], (await saver.ListAsync(TestData.Config(threadId))).Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Prune_delete_all_removes_the_threads(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var configs = await TestData.PutChainAsync(saver, threadId, 3, values: step => new Dictionary<string, object?> { ["v"] = (long)step });
        await TestData.PutChainAsync(saver, threadId, 1, "child:1");
        await saver.PutWritesAsync(configs[2], [new("ch", "val")], "task");

        await saver.PruneAsync([threadId], PruneStrategy.DeleteAll);
        var probe = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(versions: new Dictionary<string, string> { ["v"] = "3" }), TestData.Metadata(), TestData.NoVersions());

        Assert.Equal([probe], (await saver.ListAsync(new RunConfig(threadId, checkpointNs: null))).Select(t => t.Config));
        Assert.Empty((await saver.GetTupleAsync(probe))!.Checkpoint.ChannelValues);
    }

    [Theory, BothModes]
    public virtual async Task Prune_leaves_unlisted_threads_untouched(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (pruned, untouched) = (NewThreadId(), NewThreadId());
        await TestData.PutChainAsync(saver, pruned, 3);
        await TestData.PutChainAsync(saver, untouched, 2, values: step => new Dictionary<string, object?> { ["v"] = (long)step });
        await PutWithTimestampsAsync(saver, untouched, "child:1", [Noon.AddYears(-1), Noon.AddYears(-1)]);
        var before = await saver.ListAsync(new RunConfig(untouched, checkpointNs: null));

        foreach (var strategy in new[] { PruneStrategy.KeepLatest, PruneStrategy.KeepLast(1), PruneStrategy.OlderThan(Noon), PruneStrategy.DeleteAll })
        {
            await saver.PruneAsync([pruned], strategy);
        }

        TupleAssert.SequenceEqual(before, await saver.ListAsync(new RunConfig(untouched, checkpointNs: null)));
        Assert.Empty(await saver.ListAsync(new RunConfig(pruned, checkpointNs: null)));
    }

    [Theory, BothModes]
    public virtual async Task Prune_with_an_empty_list_does_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        await TestData.PutChainAsync(saver, threadId, 3);
        var before = await saver.ListAsync(TestData.Config(threadId));

        await saver.PruneAsync([], PruneStrategy.KeepLatest);
        await saver.PruneAsync([], PruneStrategy.DeleteAll);

        TupleAssert.SequenceEqual(before, await saver.ListAsync(TestData.Config(threadId)));
    }

    [Theory, BothModes]
    public virtual async Task Prune_of_unknown_threads_does_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        await TestData.PutChainAsync(saver, threadId, 3);
        var before = await saver.ListAsync(TestData.Config(threadId));

        await saver.PruneAsync([NewThreadId()], PruneStrategy.KeepLatest);
        await saver.PruneAsync([NewThreadId(), threadId + "x"], PruneStrategy.DeleteAll);

        TupleAssert.SequenceEqual(before, await saver.ListAsync(TestData.Config(threadId)));
    }

    [Theory, BothModes]
    public virtual async Task Prune_without_a_strategy_throws_argument_null_exception(ApiMode mode)
    {
        var saver = CreateSaver(mode);

        await Assert.ThrowsAsync<ArgumentNullException>(() => saver.PruneAsync([NewThreadId()], null!));
    }

    /// <summary>A chain whose checkpoints carry the given timestamps (ids still increase in put order).</summary>
    private static async Task<List<RunConfig>> PutWithTimestampsAsync(SaverApi saver, string threadId, string checkpointNs, DateTimeOffset[] timestamps)
    {
        var stored = new List<RunConfig>();
        RunConfig parent = TestData.Config(threadId, checkpointNs);
        foreach (var ts in timestamps)
        {
            var checkpoint = TestData.Checkpoint();
            checkpoint.Ts = GraphCheckpoint.FormatTimestamp(ts);
            parent = await saver.PutAsync(parent, checkpoint, TestData.Metadata(), TestData.NoVersions());
            stored.Add(parent);
        }

        return stored;
    }
}
