using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// GetTuple and Get: the named or latest checkpoint with config, parent config, metadata and pending writes, and
/// channels carried over from ancestors (LangGraph Python catalogue 28-37, JS J16-J34; contract: "latest" is the
/// ordinally largest id).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class GetTupleTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Get_tuple_of_unknown_thread_returns_null(ApiMode mode)
    {
        var saver = CreateSaver(mode);

        Assert.Null(await saver.GetTupleAsync(TestData.Config(NewThreadId())));
        Assert.Null(await saver.GetTupleAsync(TestData.Config(NewThreadId(), "child", CheckpointId.Create())));
        Assert.Null(await saver.GetAsync(TestData.Config(NewThreadId())));
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_without_thread_id_returns_null(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        await saver.PutAsync(TestData.Config(NewThreadId()), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        Assert.Null(await saver.GetTupleAsync(new RunConfig(threadId: null, checkpointNs: string.Empty)));
        Assert.Null(await saver.GetTupleAsync(new RunConfig(threadId: null, checkpointNs: "child")));
        Assert.Null(await saver.GetTupleAsync(new RunConfig(threadId: string.Empty)));
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_without_checkpoint_id_returns_the_latest(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var configs = await TestData.PutChainAsync(saver, threadId, 3);

        var tuple = await saver.GetTupleAsync(TestData.Config(threadId));

        Assert.NotNull(tuple);
        Assert.Equal(configs[2], tuple.Config);
        Assert.Equal(2, tuple.Metadata.Step);
        Assert.Equal(configs[1], tuple.ParentConfig);
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_latest_is_the_ordinally_largest_id_not_the_last_written(ApiMode mode)
    {
        // Ordinal: "checkpoint-B" < "checkpoint-a"; culture-aware order says the opposite.
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        foreach (var id in new[] { "checkpoint-a", "checkpoint-B", "checkpoint-A" })
        {
            var checkpoint = TestData.Checkpoint();
            checkpoint.Id = id;
            await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.NoVersions());
        }

        var tuple = await saver.GetTupleAsync(TestData.Config(threadId));

        Assert.Equal("checkpoint-a", tuple?.Checkpoint.Id);
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_with_checkpoint_id_returns_that_checkpoint(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var configs = await TestData.PutChainAsync(saver, threadId, 2);

        var tuple = await saver.GetTupleAsync(configs[0]);
        var checkpoint = await saver.GetAsync(configs[0]);

        Assert.NotNull(tuple);
        Assert.Equal(configs[0], tuple.Config);
        Assert.Equal(0, tuple.Metadata.Step);
        Assert.Null(tuple.ParentConfig);
        Assert.Equal(configs[0].CheckpointId, checkpoint?.Id);
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_config_holds_exactly_thread_namespace_and_id(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint();
        await saver.PutAsync(TestData.Config(threadId).With("user_id", "u-1"), checkpoint, TestData.Metadata(), TestData.NoVersions());

        var tuple = await saver.GetTupleAsync(new RunConfig(threadId));

        Assert.NotNull(tuple);
        Assert.Equal(new RunConfig(threadId, string.Empty, checkpoint.Id), tuple.Config);
        Assert.Empty(tuple.Config.Configurable);
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_returns_every_checkpoint_field(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["k"] = "v" }, formatVersion: 1);

        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Equal(checkpoint.Id, tuple.Checkpoint.Id);
        Assert.Equal(1, tuple.Checkpoint.V);
        Assert.Equal(checkpoint.Ts, tuple.Checkpoint.Ts);
        Assert.False(string.IsNullOrEmpty(tuple.Checkpoint.Ts));
        ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["k"] = "v" }, tuple.Checkpoint.ChannelValues);
        Assert.Equal(new Dictionary<string, string> { ["k"] = "1" }, tuple.Checkpoint.ChannelVersions);
        Assert.Empty(tuple.Checkpoint.VersionsSeen);
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_returns_metadata(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), TestData.Checkpoint(), TestData.Metadata(CheckpointSource.Input, -1), TestData.NoVersions());

        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Equal(CheckpointSource.Input, tuple.Metadata.Source);
        Assert.Equal(-1, tuple.Metadata.Step);
        Assert.Empty(tuple.Metadata.Parents);
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_parent_config_is_null_for_a_root_checkpoint_and_the_parent_otherwise(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var first = await saver.PutAsync(TestData.Config(threadId, "child:1"), TestData.Checkpoint(), TestData.Metadata(step: 0), TestData.NoVersions());
        var second = await saver.PutAsync(first, TestData.Checkpoint(), TestData.Metadata(step: 1), TestData.NoVersions());

        var firstTuple = await saver.GetTupleAsync(first);
        var secondTuple = await saver.GetTupleAsync(second);

        Assert.NotNull(firstTuple);
        Assert.Null(firstTuple.ParentConfig);
        Assert.NotNull(secondTuple);
        Assert.Equal(new RunConfig(threadId, "child:1", first.CheckpointId), secondTuple.ParentConfig);
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_returns_the_pending_writes(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        var taskId = Guid.NewGuid().ToString();
        await saver.PutWritesAsync(stored, [new("ch", "val")], taskId);

        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        TupleAssert.PendingWritesEqual([new(taskId, "ch", "val")], tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_reads_each_namespace_independently(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var root = TestData.Checkpoint(new Dictionary<string, object?> { ["ch"] = "root" });
        var child = TestData.Checkpoint(new Dictionary<string, object?> { ["ch"] = "child" });
        await saver.PutAsync(TestData.Config(threadId, string.Empty), root, TestData.Metadata(), TestData.AllVersions(root));
        await saver.PutAsync(TestData.Config(threadId, "child:1"), child, TestData.Metadata(), TestData.AllVersions(child));

        var rootTuple = await saver.GetTupleAsync(TestData.Config(threadId, string.Empty));
        var childTuple = await saver.GetTupleAsync(TestData.Config(threadId, "child:1"));
        var unspecified = await saver.GetTupleAsync(new RunConfig(threadId, checkpointNs: null));

        // The child's id is larger, but the root's latest is still the root checkpoint: same channel and version,
        // different values, because blobs belong to their namespace.
        Assert.Equal((root.Id, "root"), (rootTuple?.Checkpoint.Id, rootTuple?.Checkpoint.ChannelValues["ch"]));
        Assert.Equal((child.Id, "child"), (childTuple?.Checkpoint.Id, childTuple?.Checkpoint.ChannelValues["ch"]));
        Assert.Equal(root.Id, unspecified?.Checkpoint.Id);
        Assert.Null(await saver.GetTupleAsync(TestData.Config(threadId, "child:1", root.Id)));
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_of_unknown_checkpoint_id_returns_null(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        Assert.Null(await saver.GetTupleAsync(TestData.Config(threadId, checkpointId: CheckpointId.Create())));
        Assert.Null(await saver.GetTupleAsync(TestData.Config(threadId, "child", stored.CheckpointId)));
        Assert.Null(await saver.GetAsync(TestData.Config(threadId, checkpointId: Guid.NewGuid().ToString())));
    }

    [Theory, BothModes]
    public virtual async Task Get_tuple_returns_parent_and_child_exactly_as_stored_in_root_namespace(ApiMode mode) =>
        await AssertParentAndChildAsync(mode, string.Empty);

    [Theory, BothModes]
    public virtual async Task Get_tuple_returns_parent_and_child_exactly_as_stored_in_child_namespace(ApiMode mode) =>
        await AssertParentAndChildAsync(mode, "child");

    [Theory, BothModes]
    public virtual async Task Get_tuple_reconstructs_channels_carried_over_from_an_ancestor(ApiMode mode)
    {
        foreach (var checkpointNs in new[] { string.Empty, "child" })
        {
            var saver = CreateSaver(mode);
            var threadId = NewThreadId();
            var parent = TestData.Checkpoint(
                new Dictionary<string, object?> { ["messages"] = new List<string> { "hi" }, ["stepCount"] = 1L },
                new Dictionary<string, string> { ["messages"] = "1", ["stepCount"] = "1" });
            var child = TestData.Checkpoint(
                new Dictionary<string, object?> { ["messages"] = new List<string> { "hi" }, ["stepCount"] = 3L },
                new Dictionary<string, string> { ["messages"] = "1", ["stepCount"] = "2" });

            var parentConfig = await saver.PutAsync(TestData.Config(threadId, checkpointNs), parent, TestData.Metadata(step: 0), TestData.AllVersions(parent));
            var childConfig = await saver.PutAsync(parentConfig, child, TestData.Metadata(step: 1), new Dictionary<string, string> { ["stepCount"] = "2" });
            var byId = await saver.GetTupleAsync(childConfig);
            var latest = await saver.GetTupleAsync(TestData.Config(threadId, checkpointNs));

            var expected = new Dictionary<string, object?> { ["messages"] = new List<string> { "hi" }, ["stepCount"] = 3L };
            Assert.NotNull(byId);
            ValueAssert.ChannelValuesEqual(expected, byId.Checkpoint.ChannelValues);
            Assert.NotNull(latest);
            Assert.Equal(childConfig, latest.Config);
            ValueAssert.ChannelValuesEqual(expected, latest.Checkpoint.ChannelValues);
        }
    }

    private async Task AssertParentAndChildAsync(ApiMode mode, string checkpointNs)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var versionsSeen = new Dictionary<string, Dictionary<string, string>> { [string.Empty] = new() { ["someChannel"] = "1" } };
        var parent = TestData.Checkpoint(new Dictionary<string, object?> { ["animals"] = new List<string> { "dog" } }, versionsSeen: versionsSeen);
        var child = TestData.Checkpoint(
            new Dictionary<string, object?> { ["animals"] = new List<string> { "dog", "fish" } },
            new Dictionary<string, string> { ["animals"] = "2" },
            versionsSeen);
        var parentMetadata = TestData.Metadata(CheckpointSource.Input, -1);
        var childMetadata = CheckpointMetadata.Create(CheckpointSource.Loop, 0, new Dictionary<string, string> { [checkpointNs] = parent.Id });

        var parentConfig = await saver.PutAsync(TestData.Config(threadId, checkpointNs), parent, parentMetadata, TestData.AllVersions(parent));
        await saver.PutWritesAsync(parentConfig, [new(SpecialChannels.Tasks, new List<string> { "add_fish" })], "pending_sends_task");
        var childConfig = await saver.PutAsync(parentConfig, child, childMetadata, TestData.AllVersions(child));
        await saver.PutWritesAsync(childConfig, [new("animals", new List<string> { "dog", "fish" })], "add_fish");

        var expectedParent = new CheckpointTuple(
            new RunConfig(threadId, checkpointNs, parent.Id),
            parent,
            parentMetadata,
            null,
            [new("pending_sends_task", SpecialChannels.Tasks, new List<string> { "add_fish" })]);
        var expectedChild = new CheckpointTuple(
            new RunConfig(threadId, checkpointNs, child.Id),
            child,
            childMetadata,
            new RunConfig(threadId, checkpointNs, parent.Id),
            [new("add_fish", "animals", new List<string> { "dog", "fish" })]);
        TupleAssert.Equal(expectedParent, await saver.GetTupleAsync(parentConfig));
        TupleAssert.Equal(expectedChild, await saver.GetTupleAsync(childConfig));
        TupleAssert.Equal(expectedChild, await saver.GetTupleAsync(TestData.Config(threadId, checkpointNs)));
    }
}
