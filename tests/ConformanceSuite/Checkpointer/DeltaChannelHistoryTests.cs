using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// GetDeltaChannelHistory: the parent-chain walk that rebuilds a delta channel from its nearest stored value (seed)
/// and the writes after it (LangGraph Python catalogue 82-89 and the two newer ordering cases: parallel writes replay
/// in task_path order, writes without a task_path first; JS J39-J42 in root and child namespaces).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class DeltaChannelHistoryTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    // Fixture writes use GUID task ids, whose hex digits all sort after "a" and before "z", so these two sort first and last.
    private const string TaskIdSortsFirst = "aaaaaaaa-0000-0000-0000-000000000000";
    private const string TaskIdSortsLast = "zzzzzzzz-0000-0000-0000-000000000000";

    [Theory, BothModes]
    public virtual async Task History_returns_writes_oldest_first(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var configs = await BuildDeltaChainAsync(saver, NewThreadId(), string.Empty, "ch", [0], 5);

        var history = await saver.GetDeltaChannelHistoryAsync(configs[^1], ["ch"]);

        Assert.Equal([1L, 2L, 3L], history["ch"].Writes.Select(w => w.Value));
        Assert.All(history["ch"].Writes, w => Assert.Equal("ch", w.Channel));
        Assert.True(history["ch"].HasSeed);
        Assert.Equal(0L, Assert.IsType<DeltaSnapshot>(history["ch"].Seed).Value);
    }

    [Theory, BothModes]
    public virtual async Task History_seed_is_the_nearest_snapshot(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var configs = await BuildDeltaChainAsync(saver, NewThreadId(), string.Empty, "ch", [0, 3], 6);

        var history = await saver.GetDeltaChannelHistoryAsync(configs[^1], ["ch"]);

        Assert.True(history["ch"].HasSeed);
        Assert.Equal(3L, Assert.IsType<DeltaSnapshot>(history["ch"].Seed).Value);
        Assert.Equal([4L], history["ch"].Writes.Select(w => w.Value));
    }

    [Theory, BothModes]
    public virtual async Task History_excludes_the_target_checkpoint_own_writes(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var configs = await BuildDeltaChainAsync(saver, NewThreadId(), string.Empty, "ch", [0], 3);
        await saver.PutWritesAsync(configs[^1], [new("ch", "extra")], Guid.NewGuid().ToString());

        var history = await saver.GetDeltaChannelHistoryAsync(configs[^1], ["ch"]);

        Assert.Equal([1L], history["ch"].Writes.Select(w => w.Value));
    }

    [Theory, BothModes]
    public virtual async Task History_of_several_channels_stops_at_each_channel_own_seed(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        RunConfig parent = TestData.Config(threadId);
        for (var step = 0; step < 5; step++)
        {
            var values = new Dictionary<string, object?>();
            if (step == 1)
            {
                values["a"] = new DeltaSnapshot("snap_a");
            }

            if (step == 3)
            {
                values["b"] = new DeltaSnapshot("snap_b");
            }

            parent = await PutStepAsync(saver, parent, step, values);
            await saver.PutWritesAsync(parent, [new("a", (long)step), new("b", (long)step)], Guid.NewGuid().ToString());
        }

        var history = await saver.GetDeltaChannelHistoryAsync(parent, ["a", "b"]);

        Assert.Equal(["a", "b"], history.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([1L, 2L, 3L], history["a"].Writes.Select(w => w.Value));
        Assert.Equal([3L], history["b"].Writes.Select(w => w.Value));
        Assert.Equal("snap_a", Assert.IsType<DeltaSnapshot>(history["a"].Seed).Value);
        Assert.Equal("snap_b", Assert.IsType<DeltaSnapshot>(history["b"].Seed).Value);
    }

    [Theory, BothModes]
    public virtual async Task History_of_no_channels_is_empty(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var configs = await BuildDeltaChainAsync(saver, NewThreadId(), string.Empty, "ch", [0], 3);

        var history = await saver.GetDeltaChannelHistoryAsync(configs[^1], []);

        Assert.Empty(history);
    }

    [Theory, BothModes]
    public virtual async Task History_that_reaches_the_root_has_no_seed(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var configs = await BuildDeltaChainAsync(saver, NewThreadId(), string.Empty, "ch", [], 4);

        var history = await saver.GetDeltaChannelHistoryAsync(configs[^1], ["ch"]);

        Assert.False(history["ch"].HasSeed);
        Assert.Null(history["ch"].Seed);
        Assert.Equal([0L, 1L, 2L], history["ch"].Writes.Select(w => w.Value));
    }

    [Theory, BothModes]
    public virtual async Task History_uses_a_plain_stored_value_as_seed(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        RunConfig parent = TestData.Config(NewThreadId());
        for (var step = 0; step < 4; step++)
        {
            var values = step == 1 ? new Dictionary<string, object?> { ["ch"] = new List<long> { 10, 20, 30 } } : [];
            parent = await PutStepAsync(saver, parent, step, values);
            if (step != 1)
            {
                await saver.PutWritesAsync(parent, [new("ch", (long)step)], Guid.NewGuid().ToString());
            }
        }

        var history = await saver.GetDeltaChannelHistoryAsync(parent, ["ch"]);

        Assert.True(history["ch"].HasSeed);
        Assert.Equal([10L, 20L, 30L], Assert.IsType<List<long>>(history["ch"].Seed));
        Assert.Equal([2L], history["ch"].Writes.Select(w => w.Value));
    }

    [Theory, BothModes]
    public virtual async Task History_replays_the_seed_ancestor_own_writes(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        string[] writesByStep = ["older-than-seed", "at-seed", "after-seed", "pending-at-head"];
        RunConfig parent = TestData.Config(NewThreadId());
        for (var step = 0; step < 4; step++)
        {
            var values = step switch
            {
                0 => new Dictionary<string, object?> { ["ch"] = new List<long> { 10 } },
                1 => new Dictionary<string, object?> { ["ch"] = new List<long> { 10, 20 } },
                _ => [],
            };
            parent = await PutStepAsync(saver, parent, step, values);
            await saver.PutWritesAsync(parent, [new("ch", writesByStep[step])], Guid.NewGuid().ToString());
        }

        var history = await saver.GetDeltaChannelHistoryAsync(parent, ["ch"]);

        Assert.Equal([10L, 20L], Assert.IsType<List<long>>(history["ch"].Seed));
        Assert.Equal(["at-seed", "after-seed"], history["ch"].Writes.Select(w => w.Value));
    }

    [Theory, BothModes]
    public virtual async Task History_replays_writes_of_parallel_tasks_in_task_path_order(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var configs = await BuildDeltaChainAsync(saver, NewThreadId(), string.Empty, "ch", [0], 3);

        // Task ids sort opposite to task paths, so ordering by task id alone would reverse these two.
        await saver.PutWritesAsync(configs[1], [new("ch", "second")], TaskIdSortsFirst, "~pull, 02");
        await saver.PutWritesAsync(configs[1], [new("ch", "first")], TaskIdSortsLast, "~pull, 01");
        var history = await saver.GetDeltaChannelHistoryAsync(configs[2], ["ch"]);

        Assert.Equal([1L, "first", "second"], history["ch"].Writes.Select(w => w.Value));
        Assert.Equal(["~pull, 01", "~pull, 02"], history["ch"].Writes.Skip(1).Select(w => w.TaskPath));
    }

    [Theory, BothModes]
    public virtual async Task History_replays_writes_without_a_task_path_first(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var configs = await BuildDeltaChainAsync(saver, NewThreadId(), string.Empty, "ch", [0], 3);

        await saver.PutWritesAsync(configs[1], [new("ch", "from_node")], TaskIdSortsFirst, "~pull, a");
        await saver.PutWritesAsync(configs[1], [new("ch", "from_input")], TaskIdSortsLast);
        var history = await saver.GetDeltaChannelHistoryAsync(configs[2], ["ch"]);

        // Both path-less writes (the fixture's 1 and "from_input") come first, by task id among themselves.
        Assert.Equal([1L, "from_input", "from_node"], history["ch"].Writes.Select(w => w.Value));
    }

    [Theory, BothModes]
    public virtual async Task History_walks_ancestors_with_a_snapshot_seed_in_root_namespace(ApiMode mode) =>
        await AssertSnapshotWalkAsync(mode, string.Empty);

    [Theory, BothModes]
    public virtual async Task History_walks_ancestors_with_a_snapshot_seed_in_child_namespace(ApiMode mode) =>
        await AssertSnapshotWalkAsync(mode, "child");

    [Theory, BothModes]
    public virtual async Task History_keeps_a_plain_seed_and_replays_boundary_writes_in_every_namespace(ApiMode mode)
    {
        foreach (var checkpointNs in new[] { string.Empty, "child" })
        {
            var saver = CreateSaver(mode);
            var c0 = await PutStepAsync(saver, TestData.Config(NewThreadId(), checkpointNs), 0, new() { ["messages"] = new List<long> { 0, 1 } });
            await saver.PutWritesAsync(c0, [new("messages", new List<long> { 2 })], "task0");
            var c1 = await PutStepAsync(saver, c0, 1, []);

            var history = await saver.GetDeltaChannelHistoryAsync(c1, ["messages"]);

            Assert.Equal([0L, 1L], Assert.IsType<List<long>>(history["messages"].Seed));
            TupleAssert.PendingWritesEqual([new("task0", "messages", new List<long> { 2 })], history["messages"].Writes);
        }
    }

    [Theory, BothModes]
    public virtual async Task History_orders_same_step_writes_by_task_id_in_every_namespace(ApiMode mode)
    {
        foreach (var checkpointNs in new[] { string.Empty, "child" })
        {
            var saver = CreateSaver(mode);
            var c0 = await PutStepAsync(saver, TestData.Config(NewThreadId(), checkpointNs), 0, new() { ["messages"] = new DeltaSnapshot(new List<string>()) });

            // Stored in reverse task-id order; the walk must return them as task-a, task-b.
            await saver.PutWritesAsync(c0, [new("messages", new List<string> { "b" })], "task-b");
            await saver.PutWritesAsync(c0, [new("messages", new List<string> { "a" })], "task-a");
            var c1 = await PutStepAsync(saver, c0, 1, []);

            var history = await saver.GetDeltaChannelHistoryAsync(c1, ["messages"]);

            TupleAssert.PendingWritesEqual(
                [new("task-a", "messages", new List<string> { "a" }), new("task-b", "messages", new List<string> { "b" })],
                history["messages"].Writes);
        }
    }

    [Theory, BothModes]
    public virtual async Task History_omits_the_seed_when_no_ancestor_stored_a_value_in_every_namespace(ApiMode mode)
    {
        foreach (var checkpointNs in new[] { string.Empty, "child" })
        {
            var saver = CreateSaver(mode);
            var c0 = await PutStepAsync(saver, TestData.Config(NewThreadId(), checkpointNs), 0, []);
            await saver.PutWritesAsync(c0, [new("messages", new List<long> { 1 })], "task0");
            var c1 = await PutStepAsync(saver, c0, 1, []);

            var history = await saver.GetDeltaChannelHistoryAsync(c1, ["messages"]);

            Assert.False(history["messages"].HasSeed);
            TupleAssert.PendingWritesEqual([new("task0", "messages", new List<long> { 1 })], history["messages"].Writes);
        }
    }

    [Theory, BothModes]
    public virtual async Task History_without_checkpoint_id_walks_from_the_latest(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        await BuildDeltaChainAsync(saver, threadId, "child:1", "ch", [0], 4);

        var history = await saver.GetDeltaChannelHistoryAsync(TestData.Config(threadId, "child:1"), ["ch"]);

        Assert.Equal([1L, 2L], history["ch"].Writes.Select(w => w.Value));
        Assert.Equal(0L, Assert.IsType<DeltaSnapshot>(history["ch"].Seed).Value);
    }

    [Theory, BothModes]
    public virtual async Task History_without_thread_id_throws_argument_exception(ApiMode mode)
    {
        var saver = CreateSaver(mode);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.GetDeltaChannelHistoryAsync(new RunConfig(threadId: null), ["ch"]));
    }

    private async Task AssertSnapshotWalkAsync(ApiMode mode, string checkpointNs)
    {
        var saver = CreateSaver(mode);
        var c0 = await PutStepAsync(saver, TestData.Config(NewThreadId(), checkpointNs), 0, new() { ["messages"] = new DeltaSnapshot(new List<long> { 0 }) });
        await saver.PutWritesAsync(c0, [new("messages", new List<long> { 1 })], "task0");
        var c1 = await PutStepAsync(saver, c0, 1, []);
        await saver.PutWritesAsync(c1, [new("messages", new List<long> { 2 })], "task1");
        var c2 = await PutStepAsync(saver, c1, 2, []);
        await saver.PutWritesAsync(c2, [new("messages", new List<long> { 3 })], "task2");

        var history = await saver.GetDeltaChannelHistoryAsync(c2, ["messages"]);

        Assert.Equal([0L], Assert.IsType<List<long>>(Assert.IsType<DeltaSnapshot>(history["messages"].Seed).Value));
        TupleAssert.PendingWritesEqual(
            [new("task0", "messages", new List<long> { 1 }), new("task1", "messages", new List<long> { 2 })],
            history["messages"].Writes);
    }

    /// <summary>
    /// A parent chain of <paramref name="totalSteps"/> checkpoints (format v1, like LangGraph's fixture): a snapshot of
    /// <paramref name="channel"/> at each of <paramref name="snapshotSteps"/>, and a write of the step number elsewhere.
    /// </summary>
    private static async Task<List<RunConfig>> BuildDeltaChainAsync(SaverApi saver, string threadId, string checkpointNs, string channel, int[] snapshotSteps, int totalSteps)
    {
        var configs = new List<RunConfig>();
        RunConfig parent = TestData.Config(threadId, checkpointNs);
        for (var step = 0; step < totalSteps; step++)
        {
            var isSnapshot = snapshotSteps.Contains(step);
            var values = isSnapshot ? new Dictionary<string, object?> { [channel] = new DeltaSnapshot((long)step) } : [];
            parent = await PutStepAsync(saver, parent, step, values);
            configs.Add(parent);
            if (!isSnapshot)
            {
                await saver.PutWritesAsync(parent, [new(channel, (long)step)], Guid.NewGuid().ToString());
            }
        }

        return configs;
    }

    /// <summary>Puts one step of a chain: each stored value at version <c>step + 1</c>, format v1, empty timestamp.</summary>
    private static async Task<RunConfig> PutStepAsync(SaverApi saver, RunConfig parent, int step, Dictionary<string, object?> values)
    {
        var version = (step + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var checkpoint = TestData.Checkpoint(values, values.ToDictionary(v => v.Key, _ => version), formatVersion: 1);
        checkpoint.Ts = string.Empty;
        return await saver.PutAsync(parent, checkpoint, TestData.Metadata(step: step), TestData.AllVersions(checkpoint));
    }
}
