using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// DeleteThread: checkpoints, writes and channel values of every namespace go; other threads stay
/// (LangGraph Python catalogue 54-58, JS J38; contract: blobs go too, unknown thread is a no-op).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class DeleteThreadTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Delete_thread_removes_every_checkpoint(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var configs = await TestData.PutChainAsync(saver, threadId, 3);
        Assert.NotNull(await saver.GetTupleAsync(TestData.Config(threadId)));

        await saver.DeleteThreadAsync(threadId);

        Assert.Null(await saver.GetTupleAsync(TestData.Config(threadId)));
        Assert.Empty(await saver.ListAsync(new RunConfig(threadId, checkpointNs: null)));
        foreach (var config in configs)
        {
            Assert.Null(await saver.GetTupleAsync(config));
        }
    }

    [Theory, BothModes]
    public virtual async Task Delete_thread_removes_pending_writes(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint();
        var stored = await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.NoVersions());
        await saver.PutWritesAsync(stored, [new("ch", "val")], "task");
        Assert.Single((await saver.GetTupleAsync(stored))!.PendingWrites);

        await saver.DeleteThreadAsync(threadId);
        Assert.Null(await saver.GetTupleAsync(stored));
        await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.NoVersions());
        var recreated = await saver.GetTupleAsync(stored);

        // The same checkpoint written again must not find the deleted writes.
        Assert.NotNull(recreated);
        Assert.Empty(recreated.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Delete_thread_removes_channel_values(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["secret"] = "gone" });
        await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.AllVersions(checkpoint));

        await saver.DeleteThreadAsync(threadId);
        var reader = TestData.Checkpoint(versions: new Dictionary<string, string> { ["secret"] = "1" });
        var stored = await saver.PutAsync(TestData.Config(threadId), reader, TestData.Metadata(), TestData.NoVersions());
        var tuple = await saver.GetTupleAsync(stored);

        // A new checkpoint naming the old version, without writing it, finds no value: the blob is gone.
        Assert.NotNull(tuple);
        Assert.Empty(tuple.Checkpoint.ChannelValues);
    }

    [Theory, BothModes]
    public virtual async Task Delete_thread_removes_every_namespace(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        foreach (var ns in new[] { string.Empty, "child:1", "child:1|grandchild:2" })
        {
            await saver.PutAsync(TestData.Config(threadId, ns), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
            Assert.NotNull(await saver.GetTupleAsync(TestData.Config(threadId, ns)));
        }

        await saver.DeleteThreadAsync(threadId);

        foreach (var ns in new[] { string.Empty, "child:1", "child:1|grandchild:2" })
        {
            Assert.Null(await saver.GetTupleAsync(TestData.Config(threadId, ns)));
        }

        Assert.Empty(await saver.ListAsync(new RunConfig(threadId, checkpointNs: null)));
    }

    [Theory, BothModes]
    public virtual async Task Delete_thread_leaves_other_threads_intact(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (doomed, kept) = (NewThreadId(), NewThreadId());
        var metadata = TestData.Metadata(CheckpointSource.Update, -1);
        var checkpoint = TestData.Checkpoint(new Dictionary<string, object?> { ["ch"] = "kept" });
        await saver.PutAsync(TestData.Config(doomed), TestData.Checkpoint(new Dictionary<string, object?> { ["ch"] = "doomed" }), metadata, new Dictionary<string, string> { ["ch"] = "1" });
        var keptConfig = await saver.PutAsync(TestData.Config(kept), checkpoint, metadata, TestData.AllVersions(checkpoint));
        await saver.PutWritesAsync(keptConfig, [new("ch", "write")], "task");

        await saver.DeleteThreadAsync(doomed);
        var tuple = await saver.GetTupleAsync(TestData.Config(kept));

        Assert.Null(await saver.GetTupleAsync(TestData.Config(doomed)));
        TupleAssert.Equal(new CheckpointTuple(keptConfig, checkpoint, metadata, null, [new("task", "ch", "write")]), tuple);
    }

    [Theory, BothModes]
    public virtual async Task Delete_thread_of_an_unknown_thread_does_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        await saver.DeleteThreadAsync(NewThreadId());
        await saver.DeleteThreadAsync(threadId + "-suffix");

        Assert.Equal(stored, (await saver.GetTupleAsync(stored))?.Config);
    }

    [Theory, BothModes]
    public virtual async Task Delete_thread_twice_does_nothing_the_second_time(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        await TestData.PutChainAsync(saver, threadId, 2);

        await saver.DeleteThreadAsync(threadId);
        await saver.DeleteThreadAsync(threadId);

        Assert.Null(await saver.GetTupleAsync(TestData.Config(threadId)));
    }

    [Theory, BothModes]
    public virtual async Task Delete_thread_then_put_starts_the_thread_afresh(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        await TestData.PutChainAsync(saver, threadId, 3);

        await saver.DeleteThreadAsync(threadId);
        var fresh = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(step: 9), TestData.NoVersions());
        var listed = await saver.ListAsync(new RunConfig(threadId, checkpointNs: null));

        Assert.Equal([fresh], listed.Select(t => t.Config));
        Assert.Null(listed[0].ParentConfig);
    }
}
