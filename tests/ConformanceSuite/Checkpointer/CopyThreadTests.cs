using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// CopyThread: every checkpoint, channel value and write of every namespace, with the same ids, parents and metadata
/// (LangGraph Python catalogue 66-73; contract: a target with checkpoints throws <see cref="InvalidOperationException"/>
/// and receives nothing, copying onto itself throws <see cref="ArgumentException"/>, an unknown source is a no-op,
/// the copy is independent of the source).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class CopyThreadTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Copy_thread_copies_every_checkpoint_with_ids_parents_values_and_metadata(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (source, target) = (NewThreadId(), NewThreadId());
        await PutSourceAsync(saver, source, 4, string.Empty);

        await saver.CopyThreadAsync(source, target);
        var sourceTuples = await saver.ListAsync(TestData.Config(source));
        var targetTuples = await saver.ListAsync(TestData.Config(target));

        Assert.Equal(4, targetTuples.Count);
        TupleAssert.SequenceEqual(sourceTuples.Select(t => Retarget(t, target)).ToList(), targetTuples);
        Assert.Equal([3L, 2L, 1L, 0L], targetTuples.Select(t => t.Checkpoint.ChannelValues["step"]));
    }

    [Theory, BothModes]
    public virtual async Task Copy_thread_copies_every_namespace(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (source, target) = (NewThreadId(), NewThreadId());
        foreach (var ns in new[] { string.Empty, "child:1", "child:1|sub:2" })
        {
            await PutSourceAsync(saver, source, 2, ns);
        }

        await saver.CopyThreadAsync(source, target);

        foreach (var ns in new[] { string.Empty, "child:1", "child:1|sub:2" })
        {
            var sourceTuples = await saver.ListAsync(TestData.Config(source, ns));
            var targetTuples = await saver.ListAsync(TestData.Config(target, ns));
            Assert.Equal(2, targetTuples.Count);
            TupleAssert.SequenceEqual(sourceTuples.Select(t => Retarget(t, target)).ToList(), targetTuples);
        }
    }

    [Theory, BothModes]
    public virtual async Task Copy_thread_copies_pending_writes_with_task_paths(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (source, target) = (NewThreadId(), NewThreadId());
        var configs = await PutSourceAsync(saver, source, 2, string.Empty);
        await saver.PutWritesAsync(configs[0], [new("ch", "old_write")], "task-0");
        await saver.PutWritesAsync(configs[1], [new("ch", "write_val"), new(SpecialChannels.Interrupt, "stop")], "task-1", "node:1");
        var child = await saver.PutAsync(TestData.Config(source, "child:1"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        await saver.PutWritesAsync(child, [new("sub", "child_write")], "task-2");

        await saver.CopyThreadAsync(source, target);
        var latest = await saver.GetTupleAsync(TestData.Config(target));
        var first = await saver.GetTupleAsync(TestData.Config(target, checkpointId: configs[0].CheckpointId));
        var childCopy = await saver.GetTupleAsync(TestData.Config(target, "child:1"));

        Assert.NotNull(latest);
        TupleAssert.PendingWritesEqual([new("task-1", SpecialChannels.Interrupt, "stop", "node:1"), new("task-1", "ch", "write_val", "node:1")], latest.PendingWrites);
        Assert.NotNull(first);
        TupleAssert.PendingWritesEqual([new("task-0", "ch", "old_write")], first.PendingWrites);
        Assert.NotNull(childCopy);
        TupleAssert.PendingWritesEqual([new("task-2", "sub", "child_write")], childCopy.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Copy_thread_keeps_the_order_of_checkpoints(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (source, target) = (NewThreadId(), NewThreadId());
        await PutSourceAsync(saver, source, 4, string.Empty);

        await saver.CopyThreadAsync(source, target);
        var sourceIds = (await saver.ListAsync(TestData.Config(source))).Select(t => t.Checkpoint.Id);
        var targetIds = (await saver.ListAsync(TestData.Config(target))).Select(t => t.Checkpoint.Id);

        Assert.Equal(sourceIds, targetIds);
    }

    [Theory, BothModes]
    public virtual async Task Copy_thread_leaves_the_source_unchanged(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (source, target) = (NewThreadId(), NewThreadId());
        var configs = await PutSourceAsync(saver, source, 2, string.Empty);
        await saver.PutWritesAsync(configs[1], [new("ch", "val")], "task");
        var before = await saver.ListAsync(new RunConfig(source, checkpointNs: null));

        await saver.CopyThreadAsync(source, target);
        var after = await saver.ListAsync(new RunConfig(source, checkpointNs: null));

        TupleAssert.SequenceEqual(before, after);
    }

    [Theory, BothModes]
    public virtual async Task Copy_thread_makes_an_independent_copy(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (source, target) = (NewThreadId(), NewThreadId());
        var configs = await PutSourceAsync(saver, source, 2, string.Empty);
        await saver.CopyThreadAsync(source, target);
        var copied = await saver.ListAsync(TestData.Config(target));

        var continued = TestData.Checkpoint(new Dictionary<string, object?> { ["step"] = 99L }, new Dictionary<string, string> { ["step"] = "99" });
        await saver.PutAsync(TestData.Config(target, checkpointId: configs[1].CheckpointId), continued, TestData.Metadata(step: 2), TestData.AllVersions(continued));
        await saver.PutWritesAsync(TestData.Config(target, checkpointId: configs[1].CheckpointId), [new("ch", "target only")], "task");
        var sourceLatest = await saver.GetTupleAsync(TestData.Config(source));
        await saver.DeleteThreadAsync(source);
        var afterSourceDeleted = await saver.ListAsync(TestData.Config(target));

        // Writing to the copy does not touch the source; deleting the source does not touch the copy.
        Assert.NotNull(sourceLatest);
        Assert.Equal(configs[1], sourceLatest.Config);
        Assert.Empty(sourceLatest.PendingWrites);
        Assert.Equal(3, afterSourceDeleted.Count);
        Assert.Equal(continued.Id, afterSourceDeleted[0].Checkpoint.Id);
        TupleAssert.Equal(copied[1], afterSourceDeleted[2]);
        ValueAssert.ChannelValuesEqual(copied[0].Checkpoint.ChannelValues, afterSourceDeleted[1].Checkpoint.ChannelValues);
    }

    [Theory, BothModes]
    public virtual async Task Copy_thread_of_an_unknown_source_does_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (source, target) = (NewThreadId(), NewThreadId());

        await saver.CopyThreadAsync(source, target);

        Assert.Empty(await saver.ListAsync(new RunConfig(target, checkpointNs: null)));
        Assert.Empty(await saver.ListAsync(new RunConfig(source, checkpointNs: null)));
    }

    [Theory, BothModes]
    public virtual async Task Copy_thread_onto_a_target_with_checkpoints_throws_and_copies_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (source, target) = (NewThreadId(), NewThreadId());
        await PutSourceAsync(saver, source, 3, string.Empty);
        await PutSourceAsync(saver, source, 1, "child:1");
        var existing = await saver.PutAsync(TestData.Config(target, "other:1"), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        await saver.PutWritesAsync(existing, [new("ch", "mine")], "task");
        var before = await saver.ListAsync(new RunConfig(target, checkpointNs: null));

        await Assert.ThrowsAsync<InvalidOperationException>(() => saver.CopyThreadAsync(source, target));
        var after = await saver.ListAsync(new RunConfig(target, checkpointNs: null));

        TupleAssert.SequenceEqual(before, after);
        Assert.Empty(await saver.ListAsync(TestData.Config(target, string.Empty)));
        Assert.Empty(await saver.ListAsync(TestData.Config(target, "child:1")));
    }

    [Theory, BothModes]
    public virtual async Task Copy_thread_onto_itself_throws_argument_exception_and_changes_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var source = NewThreadId();
        await PutSourceAsync(saver, source, 2, string.Empty);
        var before = await saver.ListAsync(new RunConfig(source, checkpointNs: null));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.CopyThreadAsync(source, source));
        var after = await saver.ListAsync(new RunConfig(source, checkpointNs: null));

        TupleAssert.SequenceEqual(before, after);
    }

    [Theory, BothModes]
    public virtual async Task Copy_thread_onto_a_deleted_thread_succeeds(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (source, target) = (NewThreadId(), NewThreadId());
        await PutSourceAsync(saver, source, 2, string.Empty);
        await PutSourceAsync(saver, target, 1, string.Empty);
        await saver.DeleteThreadAsync(target);

        await saver.CopyThreadAsync(source, target);
        var sourceTuples = await saver.ListAsync(TestData.Config(source));

        TupleAssert.SequenceEqual(sourceTuples.Select(t => Retarget(t, target)).ToList(), await saver.ListAsync(TestData.Config(target)));
    }

    [Theory, BothModes]
    public virtual async Task Copy_thread_with_an_empty_id_throws_argument_exception(ApiMode mode)
    {
        var saver = CreateSaver(mode);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.CopyThreadAsync(string.Empty, NewThreadId()));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => saver.CopyThreadAsync(NewThreadId(), string.Empty));
    }

    private static Task<List<RunConfig>> PutSourceAsync(SaverApi saver, string threadId, int count, string checkpointNs) =>
        TestData.PutChainAsync(saver, threadId, count, checkpointNs, values: step => new Dictionary<string, object?> { ["step"] = (long)step });

    /// <summary>The tuple as it must read on <paramref name="target"/>: only the thread id of its configs changes.</summary>
    private static CheckpointTuple Retarget(CheckpointTuple tuple, string target) =>
        tuple with
        {
            Config = tuple.Config with { ThreadId = target },
            ParentConfig = tuple.ParentConfig is null ? null : tuple.ParentConfig with { ThreadId = target },
        };
}
