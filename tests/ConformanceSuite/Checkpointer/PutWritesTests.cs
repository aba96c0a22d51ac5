using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Pending writes: storage, ordering by (task id, index), task paths, idempotent retries, special channels and
/// isolation (LangGraph Python catalogue 18-27, JS J13-J15; contract: regular writes insert-if-absent, special
/// writes upsert, ordinal ordering).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class PutWritesTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Put_writes_stores_the_write_and_leaves_the_checkpoint_unchanged(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, checkpoint, metadata) = await PutCheckpointAsync(saver, string.Empty);

        await saver.PutWritesAsync(stored, [new ChannelWrite("animals", "dog")], "pet_task");
        var tuple = await saver.GetTupleAsync(stored);

        TupleAssert.Equal(new CheckpointTuple(stored, checkpoint, metadata, null, [new PendingWrite("pet_task", "animals", "dog")]), tuple);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_in_child_namespace_stores_the_write_and_leaves_the_checkpoint_unchanged(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, checkpoint, metadata) = await PutCheckpointAsync(saver, "child");

        await saver.PutWritesAsync(stored, [new ChannelWrite("animals", "dog")], "pet_task");
        var tuple = await saver.GetTupleAsync(stored);

        TupleAssert.Equal(new CheckpointTuple(stored, checkpoint, metadata, null, [new PendingWrite("pet_task", "animals", "dog")]), tuple);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_with_several_writes_of_one_task_keeps_them_in_call_order(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);
        var taskId = Guid.NewGuid().ToString();

        await saver.PutWritesAsync(stored, [new("ch3", "v1"), new("ch1", "v2"), new("ch2", "v3")], taskId);
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        TupleAssert.PendingWritesEqual([new(taskId, "ch3", "v1"), new(taskId, "ch1", "v2"), new(taskId, "ch2", "v3")], tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_of_two_tasks_to_one_channel_keeps_both(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);

        await saver.PutWritesAsync(stored, [new("ch", "from_t2")], "t2");
        await saver.PutWritesAsync(stored, [new("ch", "from_t1")], "t1");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        TupleAssert.PendingWritesEqual([new("t1", "ch", "from_t1"), new("t2", "ch", "from_t2")], tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_round_trips_an_object_value(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);
        var value = new Dictionary<string, object?> { ["data"] = 123L, ["tags"] = new List<object?> { "a", null, true } };

        await saver.PutWritesAsync(stored, [new("my_channel", value)], "task");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        var write = Assert.Single(tuple.PendingWrites);
        Assert.Equal(("task", "my_channel"), (write.TaskId, write.Channel));
        ValueAssert.Equal(value, write.Value);
        Assert.Equal(123L, Assert.IsType<Dictionary<string, object?>>(write.Value)["data"]);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_keeps_the_task_path(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);

        await saver.PutWritesAsync(stored, [new("ch", "v")], "task-1", "a:b:c");
        await saver.PutWritesAsync(stored, [new("ch", "w")], "task-2");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        // Ordered by task path first, as LangGraph orders them: the empty path of task-2 comes first.
        TupleAssert.PendingWritesEqual([new("task-2", "ch", "w", string.Empty), new("task-1", "ch", "v", "a:b:c")], tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_repeated_with_the_same_task_stores_one_write(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);

        await saver.PutWritesAsync(stored, [new("ch", "val")], "task");
        await saver.PutWritesAsync(stored, [new("ch", "val")], "task");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        TupleAssert.PendingWritesEqual([new("task", "ch", "val")], tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_retried_with_other_values_keeps_the_first_regular_writes(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);

        await saver.PutWritesAsync(stored, [new("a", "first-a"), new("b", "first-b")], "task");
        await saver.PutWritesAsync(stored, [new("a", "retry-a"), new("b", "retry-b"), new("c", "retry-c")], "task");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        TupleAssert.PendingWritesEqual([new("task", "a", "first-a"), new("task", "b", "first-b"), new("task", "c", "retry-c")], tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_to_special_channels_stores_them_with_their_values(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);
        var interrupt = new Dictionary<string, object?> { ["reason"] = "human_input" };

        await saver.PutWritesAsync(stored, [new(SpecialChannels.Error, "something went wrong"), new(SpecialChannels.Interrupt, interrupt)], "task");
        var tuple = await saver.GetTupleAsync(stored);

        // Special channels have fixed negative indexes: __interrupt__ (-3) sorts before __error__ (-1).
        Assert.NotNull(tuple);
        TupleAssert.PendingWritesEqual(
            [new("task", SpecialChannels.Interrupt, interrupt), new("task", SpecialChannels.Error, "something went wrong")],
            tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_to_a_special_channel_again_replaces_the_task_previous_one(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);

        await saver.PutWritesAsync(stored, [new(SpecialChannels.Interrupt, "first"), new("regular", "kept")], "task");
        await saver.PutWritesAsync(stored, [new(SpecialChannels.Interrupt, "second"), new("regular", "ignored")], "task");
        await saver.PutWritesAsync(stored, [new(SpecialChannels.Resume, "resume-1")], "task");
        await saver.PutWritesAsync(stored, [new(SpecialChannels.Resume, "resume-2")], "task");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        TupleAssert.PendingWritesEqual(
            [new("task", SpecialChannels.Resume, "resume-2"), new("task", SpecialChannels.Interrupt, "second"), new("task", "regular", "kept")],
            tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_of_one_special_channel_twice_in_one_call_keeps_the_last(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);

        await saver.PutWritesAsync(stored, [new(SpecialChannels.Error, "first"), new(SpecialChannels.Error, "last")], "task");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        TupleAssert.PendingWritesEqual([new("task", SpecialChannels.Error, "last")], tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_are_returned_ordered_by_task_id_ordinally_then_index(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);

        await saver.PutWritesAsync(stored, [new("x", "b0"), new("y", "b1")], "task-b");
        await saver.PutWritesAsync(stored, [new("x", "a0"), new(SpecialChannels.Error, "a-error"), new("z", "a2")], "task-a");
        await saver.PutWritesAsync(stored, [new("x", "C0")], "Task-C");
        await saver.PutWritesAsync(stored, [new("x", "a10")], "task-a10");
        var tuple = await saver.GetTupleAsync(stored);

        // Ordinal: "Task-C" < "task-a" < "task-a10" < "task-b"; within a task by index (-1 before 0).
        Assert.NotNull(tuple);
        TupleAssert.PendingWritesEqual(
            [
                new("Task-C", "x", "C0"),
                new("task-a", SpecialChannels.Error, "a-error"),
                new("task-a", "x", "a0"),
                new("task-a", "z", "a2"),
                new("task-a10", "x", "a10"),
                new("task-b", "x", "b0"),
                new("task-b", "y", "b1"),
            ],
            tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_in_two_namespaces_stay_isolated(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var root = await saver.PutAsync(TestData.Config(threadId, string.Empty), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        var childCheckpoint = TestData.Checkpoint();
        childCheckpoint.Id = root.CheckpointId!;
        var child = await saver.PutAsync(TestData.Config(threadId, "child:1"), childCheckpoint, TestData.Metadata(), TestData.NoVersions());

        await saver.PutWritesAsync(root, [new("ch", "root_val")], "root-task");
        await saver.PutWritesAsync(child, [new("ch", "child_val")], "child-task");
        var rootTuple = await saver.GetTupleAsync(root);
        var childTuple = await saver.GetTupleAsync(child);

        // Same checkpoint id in both namespaces: the namespace alone keeps the writes apart.
        Assert.NotNull(rootTuple);
        Assert.NotNull(childTuple);
        TupleAssert.PendingWritesEqual([new("root-task", "ch", "root_val")], rootTuple.PendingWrites);
        TupleAssert.PendingWritesEqual([new("child-task", "ch", "child_val")], childTuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_of_one_checkpoint_do_not_appear_on_the_next(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var first = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(step: 0), TestData.NoVersions());
        await saver.PutWritesAsync(first, [new("ch", "old_write")], "task");

        var second = await saver.PutAsync(first, TestData.Checkpoint(), TestData.Metadata(step: 1), TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(second);
        var firstTuple = await saver.GetTupleAsync(first);

        Assert.NotNull(tuple);
        Assert.Empty(tuple.PendingWrites);
        Assert.NotNull(firstTuple);
        TupleAssert.PendingWritesEqual([new("task", "ch", "old_write")], firstTuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_with_no_writes_stores_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);

        await saver.PutWritesAsync(stored, [], "task");
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Empty(tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_without_thread_id_throws_and_stores_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, "child");

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            saver.PutWritesAsync(stored with { ThreadId = null }, [new("animals", "dog")], "pet_task"));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Empty(tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_without_checkpoint_id_throws_and_stores_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);

        await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            saver.PutWritesAsync(stored with { CheckpointId = null }, [new("animals", "dog")], "pet_task"));
        var tuple = await saver.GetTupleAsync(TestData.Config(stored.ThreadId!));

        Assert.NotNull(tuple);
        Assert.Empty(tuple.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Put_writes_without_task_id_throws_and_stores_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (stored, _, _) = await PutCheckpointAsync(saver, string.Empty);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutWritesAsync(stored, [new("animals", "dog")], string.Empty));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.PutWritesAsync(stored, [new("animals", "dog")], null!));
        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Empty(tuple.PendingWrites);
    }

    private static async Task<(RunConfig Stored, GraphCheckpoint Checkpoint, CheckpointMetadata Metadata)> PutCheckpointAsync(SaverApi saver, string checkpointNs)
    {
        var checkpoint = TestData.Checkpoint(versionsSeen: new() { [string.Empty] = new() { ["someChannel"] = "1" } });
        var metadata = TestData.Metadata(CheckpointSource.Input, -1);
        var stored = await saver.PutAsync(TestData.Config(NewThreadId(), checkpointNs), checkpoint, metadata, TestData.NoVersions());
        return (stored, checkpoint, metadata);
    }
}
