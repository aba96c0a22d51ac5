using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// The legacy pending-sends migration on the read path: a checkpoint of format <c>v &lt; 4</c> with a parent shows the
/// parent's <c>__pregel_tasks</c> writes as the value of channel <c>__pregel_tasks</c> (JS J35 for GetTuple, J37 for
/// List; contract: ordered by task path, task id, index; version is the largest existing one; v4 and root checkpoints
/// are left alone).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class LegacyPendingSendsTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Get_tuple_of_a_v1_child_shows_the_parent_sends_as_channel_value(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        foreach (var checkpointNs in new[] { string.Empty, "child" })
        {
            var (parent, child) = await PutLegacyPairAsync(saver, NewThreadId(), checkpointNs);

            var parentTuple = await saver.GetTupleAsync(parent);
            var childTuple = await saver.GetTupleAsync(child);

            Assert.NotNull(parentTuple);
            Assert.Empty(parentTuple.Checkpoint.ChannelValues);
            Assert.Empty(parentTuple.Checkpoint.ChannelVersions);
            Assert.NotNull(childTuple);
            Assert.Equal([SpecialChannels.Tasks], childTuple.Checkpoint.ChannelValues.Keys);
            Assert.Equal(["send-1", "send-2", "send-3"], Assert.IsType<List<object?>>(childTuple.Checkpoint.ChannelValues[SpecialChannels.Tasks]));
            Assert.False(string.IsNullOrEmpty(childTuple.Checkpoint.ChannelVersions[SpecialChannels.Tasks]));
            Assert.Empty(childTuple.PendingWrites);
        }
    }

    [Theory, BothModes]
    public virtual async Task List_applies_the_pending_sends_migration(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var (parent, child) = await PutLegacyPairAsync(saver, threadId, string.Empty);

        var tuples = await saver.ListAsync(new RunConfig(threadId, checkpointNs: null));

        Assert.Equal([child, parent], tuples.Select(t => t.Config));
        Assert.Equal(["send-1", "send-2", "send-3"], Assert.IsType<List<object?>>(tuples[0].Checkpoint.ChannelValues[SpecialChannels.Tasks]));
        Assert.False(string.IsNullOrEmpty(tuples[0].Checkpoint.ChannelVersions[SpecialChannels.Tasks]));
        Assert.Empty(tuples[1].Checkpoint.ChannelValues);
    }

    [Theory, BothModes]
    public virtual async Task Migrated_sends_are_ordered_by_task_path_then_task_id_then_index(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var parent = await saver.PutAsync(TestData.Config(threadId), Legacy(), TestData.Metadata(step: 0), TestData.NoVersions());
        await saver.PutWritesAsync(parent, [new(SpecialChannels.Tasks, "b-path-0"), new("other", "ignored"), new(SpecialChannels.Tasks, "b-path-2")], "task-a", "~b");
        await saver.PutWritesAsync(parent, [new(SpecialChannels.Tasks, "a-path-task-z")], "task-z", "~a");
        await saver.PutWritesAsync(parent, [new(SpecialChannels.Tasks, "a-path-task-y")], "task-y", "~a");
        var child = await saver.PutAsync(parent, Legacy(), TestData.Metadata(step: 1), TestData.NoVersions());

        var tuple = await saver.GetTupleAsync(child);

        Assert.NotNull(tuple);
        Assert.Equal(
            ["a-path-task-y", "a-path-task-z", "b-path-0", "b-path-2"],
            Assert.IsType<List<object?>>(tuple.Checkpoint.ChannelValues[SpecialChannels.Tasks]));
    }

    [Theory, BothModes]
    public virtual async Task Migrated_sends_take_the_largest_existing_channel_version(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var parent = await saver.PutAsync(TestData.Config(threadId), Legacy(), TestData.Metadata(step: 0), TestData.NoVersions());
        await saver.PutWritesAsync(parent, [new(SpecialChannels.Tasks, "send")], "task");
        var child = Legacy(new Dictionary<string, object?> { ["a"] = "x", ["b"] = "y" }, new Dictionary<string, string> { ["a"] = "00000000000000000000000000000002.5", ["b"] = "00000000000000000000000000000007.1" });
        var childConfig = await saver.PutAsync(parent, child, TestData.Metadata(step: 1), TestData.AllVersions(child));

        var tuple = await saver.GetTupleAsync(childConfig);

        Assert.NotNull(tuple);
        Assert.Equal("00000000000000000000000000000007.1", tuple.Checkpoint.ChannelVersions[SpecialChannels.Tasks]);
        Assert.Equal(["send"], Assert.IsType<List<object?>>(tuple.Checkpoint.ChannelValues[SpecialChannels.Tasks]));
        Assert.Equal("x", tuple.Checkpoint.ChannelValues["a"]);
        Assert.Equal("y", tuple.Checkpoint.ChannelValues["b"]);
    }

    [Theory, BothModes]
    public virtual async Task Checkpoints_of_format_v4_are_not_migrated(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var parent = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(step: 0), TestData.NoVersions());
        await saver.PutWritesAsync(parent, [new(SpecialChannels.Tasks, "send-1")], "task-1");
        var child = await saver.PutAsync(parent, TestData.Checkpoint(), TestData.Metadata(step: 1), TestData.NoVersions());

        var tuple = await saver.GetTupleAsync(child);
        var listed = await saver.ListAsync(TestData.Config(threadId));

        Assert.NotNull(tuple);
        Assert.Empty(tuple.Checkpoint.ChannelValues);
        Assert.Empty(tuple.Checkpoint.ChannelVersions);
        Assert.Empty(listed[0].Checkpoint.ChannelValues);
    }

    [Theory, BothModes]
    public virtual async Task Legacy_checkpoints_without_parent_sends_are_unchanged(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var root = await saver.PutAsync(TestData.Config(threadId), Legacy(), TestData.Metadata(step: 0), TestData.NoVersions());
        await saver.PutWritesAsync(root, [new("other", "not a send")], "task");
        var child = await saver.PutAsync(root, Legacy(), TestData.Metadata(step: 1), TestData.NoVersions());

        var rootTuple = await saver.GetTupleAsync(root);
        var childTuple = await saver.GetTupleAsync(child);

        Assert.Empty(rootTuple!.Checkpoint.ChannelValues);
        Assert.Empty(childTuple!.Checkpoint.ChannelValues);
        Assert.Empty(childTuple.Checkpoint.ChannelVersions);
    }

    /// <summary>JS J35: a v1 parent with sends from two tasks (two writes, then one), and its v1 child.</summary>
    private static async Task<(RunConfig Parent, RunConfig Child)> PutLegacyPairAsync(SaverApi saver, string threadId, string checkpointNs)
    {
        var checkpoint0 = Legacy();
        checkpoint0.Ts = "2024-04-19T17:19:07.952Z";
        var parent = await saver.PutAsync(TestData.Config(threadId, checkpointNs), checkpoint0, TestData.Metadata(CheckpointSource.Loop, 0), TestData.NoVersions());
        await saver.PutWritesAsync(parent, [new(SpecialChannels.Tasks, "send-1"), new(SpecialChannels.Tasks, "send-2")], "task-1");
        await saver.PutWritesAsync(parent, [new(SpecialChannels.Tasks, "send-3")], "task-2");
        var checkpoint1 = Legacy();
        checkpoint1.Ts = "2024-04-20T17:19:07.952Z";
        var child = await saver.PutAsync(parent, checkpoint1, TestData.Metadata(CheckpointSource.Loop, 1), TestData.NoVersions());
        return (parent, child);
    }

    private static GraphCheckpoint Legacy(IReadOnlyDictionary<string, object?>? values = null, IReadOnlyDictionary<string, string>? versions = null) =>
        TestData.Checkpoint(values, versions, formatVersion: 1);
}
