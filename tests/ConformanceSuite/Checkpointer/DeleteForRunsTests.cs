using System.Text.Json.Nodes;
using Xunit;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// DeleteForRuns: checkpoints whose metadata <c>run_id</c> is listed go, in every thread and namespace, with their
/// writes and the channel values nothing else refers to (LangGraph Python catalogue 59-65; contract: values still
/// referenced survive, other threads, empty list and unknown runs are no-ops).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class DeleteForRunsTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Delete_for_runs_removes_the_checkpoints_of_one_run(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var (run1, run2) = (NewRunId(), NewRunId());
        var first = await PutWithRunAsync(saver, TestData.Config(threadId), run1);
        var second = await PutWithRunAsync(saver, first, run2);

        await saver.DeleteForRunsAsync([run1]);
        var remaining = await saver.ListAsync(TestData.Config(threadId));

        Assert.Equal([second], remaining.Select(t => t.Config));
        Assert.Equal(run2, remaining[0].Metadata.RunId);
        Assert.Null(await saver.GetTupleAsync(first));
    }

    [Theory, BothModes]
    public virtual async Task Delete_for_runs_removes_the_checkpoints_of_several_runs(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var (run1, run2, run3) = (NewRunId(), NewRunId(), NewRunId());
        var first = await PutWithRunAsync(saver, TestData.Config(threadId), run1);
        var second = await PutWithRunAsync(saver, first, run2);
        var third = await PutWithRunAsync(saver, second, run3);
        var fourth = await PutWithRunAsync(saver, third, run1);

        await saver.DeleteForRunsAsync([run1, run2]);
        var remaining = await saver.ListAsync(TestData.Config(threadId));

        Assert.Equal([third], remaining.Select(t => t.Config));
        Assert.Null(await saver.GetTupleAsync(fourth));
    }

    [Theory, BothModes]
    public virtual async Task Delete_for_runs_leaves_other_runs_and_checkpoints_without_run_intact(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var (keep, delete) = (NewRunId(), NewRunId());
        var kept = await PutWithRunAsync(saver, TestData.Config(threadId), keep);
        await PutWithRunAsync(saver, TestData.Config(threadId), delete);
        var withoutRun = await saver.PutAsync(TestData.Config(threadId), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());

        await saver.DeleteForRunsAsync([delete]);
        var remaining = await saver.ListAsync(TestData.Config(threadId));

        Assert.Equal([withoutRun, kept], remaining.Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Delete_for_runs_removes_the_writes_of_deleted_checkpoints(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var run = NewRunId();
        var checkpoint = TestData.Checkpoint();
        var metadata = RunMetadata(run);
        var stored = await saver.PutAsync(TestData.Config(threadId), checkpoint, metadata, TestData.NoVersions());
        await saver.PutWritesAsync(stored, [new("ch", "val")], "task");
        Assert.Single((await saver.GetTupleAsync(stored))!.PendingWrites);

        await saver.DeleteForRunsAsync([run]);
        Assert.Null(await saver.GetTupleAsync(stored));
        await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.NoVersions());
        var recreated = await saver.GetTupleAsync(stored);

        Assert.NotNull(recreated);
        Assert.Empty(recreated.PendingWrites);
    }

    [Theory, BothModes]
    public virtual async Task Delete_for_runs_keeps_channel_values_a_remaining_checkpoint_still_uses(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var (oldRun, newRun) = (NewRunId(), NewRunId());
        var first = TestData.Checkpoint(new Dictionary<string, object?> { ["shared"] = "from run 1", ["orphan"] = "only run 1" });
        var firstConfig = await saver.PutAsync(TestData.Config(threadId), first, RunMetadata(oldRun), TestData.AllVersions(first));
        var second = TestData.Checkpoint(new Dictionary<string, object?> { ["shared"] = "from run 1", ["own"] = "run 2" });
        var secondConfig = await saver.PutAsync(firstConfig, second, RunMetadata(newRun), new Dictionary<string, string> { ["own"] = "1" });

        await saver.DeleteForRunsAsync([oldRun]);
        var survivor = await saver.GetTupleAsync(secondConfig);
        var probe = await saver.PutAsync(
            TestData.Config(threadId),
            TestData.Checkpoint(versions: new Dictionary<string, string> { ["orphan"] = "1", ["shared"] = "1" }),
            TestData.Metadata(),
            TestData.NoVersions());
        var probed = await saver.GetTupleAsync(probe);

        // The survivor still reads the value it shares with the deleted checkpoint; the value only the deleted
        // checkpoint referred to is gone.
        Assert.NotNull(survivor);
        ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["shared"] = "from run 1", ["own"] = "run 2" }, survivor.Checkpoint.ChannelValues);
        Assert.NotNull(probed);
        ValueAssert.ChannelValuesEqual(new Dictionary<string, object?> { ["shared"] = "from run 1" }, probed.Checkpoint.ChannelValues);
    }

    [Theory, BothModes]
    public virtual async Task Delete_for_runs_with_an_empty_list_does_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var stored = await PutWithRunAsync(saver, TestData.Config(threadId), NewRunId());

        await saver.DeleteForRunsAsync([]);

        Assert.Equal(stored, (await saver.GetTupleAsync(stored))?.Config);
    }

    [Theory, BothModes]
    public virtual async Task Delete_for_runs_of_an_unknown_run_does_nothing(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var run = NewRunId();
        var stored = await PutWithRunAsync(saver, TestData.Config(threadId), run);

        await saver.DeleteForRunsAsync([NewRunId(), run[..^1], run + "x"]);

        Assert.Equal(stored, (await saver.GetTupleAsync(stored))?.Config);
    }

    [Theory, BothModes]
    public virtual async Task Delete_for_runs_removes_the_run_from_every_namespace(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        var (run, other) = (NewRunId(), NewRunId());
        await PutWithRunAsync(saver, TestData.Config(threadId, string.Empty), run);
        await PutWithRunAsync(saver, TestData.Config(threadId, "child:1"), run);
        var kept = await PutWithRunAsync(saver, TestData.Config(threadId, "child:1"), other);

        await saver.DeleteForRunsAsync([run]);

        Assert.Empty(await saver.ListAsync(TestData.Config(threadId, string.Empty)));
        Assert.Equal([kept], (await saver.ListAsync(new RunConfig(threadId, checkpointNs: null))).Select(t => t.Config));
    }

    [Theory, BothModes]
    public virtual async Task Delete_for_runs_removes_the_run_from_every_thread(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var (thread1, thread2) = (NewThreadId(), NewThreadId());
        var (run, other) = (NewRunId(), NewRunId());
        await PutWithRunAsync(saver, TestData.Config(thread1), run);
        var kept1 = await PutWithRunAsync(saver, TestData.Config(thread1), other);
        await PutWithRunAsync(saver, TestData.Config(thread2), run);

        await saver.DeleteForRunsAsync([run]);

        Assert.Equal([kept1], (await saver.ListAsync(TestData.Config(thread1))).Select(t => t.Config));
        Assert.Empty(await saver.ListAsync(TestData.Config(thread2)));
    }

    private static string NewRunId() => "run-" + Guid.NewGuid().ToString("N");

    private static CheckpointMetadata RunMetadata(string runId) =>
        TestData.Metadata(extra: new Dictionary<string, JsonNode?> { ["run_id"] = runId });

    private static async Task<RunConfig> PutWithRunAsync(SaverApi saver, RunConfig config, string runId) =>
        await saver.PutAsync(config, TestData.Checkpoint(), RunMetadata(runId), TestData.NoVersions());
}
