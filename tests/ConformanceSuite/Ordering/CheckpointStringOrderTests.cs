using Xunit;
using static Checkpoint.ConformanceSuite.CodePointStrings;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// One string order for checkpoint ids and pending writes: Unicode code point order, with strings that sort differently
/// by UTF-16 code unit; pending writes ordered by task path, then task id, then index, as LangGraph orders them
/// (contract "Checkpointer": identifiers, pending writes).
/// </summary>
/// <param name="fixture">The backend's fixture.</param>
public abstract class CheckpointStringOrderTests(CheckpointFixture fixture) : ConformanceTest(fixture)
{
    [Theory, BothModes]
    public virtual async Task Pending_writes_order_by_task_path_then_task_id_by_code_point(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var stored = await saver.PutAsync(TestData.Config(NewThreadId()), TestData.Checkpoint(), TestData.Metadata(), TestData.NoVersions());
        (string TaskId, string Path)[] expected =
        [
            ("b", "1"), (PrivateUse, "1"), (Emoji, "1"), ("a", "2"), ("c", PrivateUse), ("d", FirstSupplementary),
        ];

        foreach (var (taskId, path) in expected.Reverse())
        {
            await saver.PutWritesAsync(stored, [new ChannelWrite("ch", taskId), new ChannelWrite("other", taskId)], taskId, path);
        }

        var tuple = await saver.GetTupleAsync(stored);

        Assert.NotNull(tuple);
        Assert.Equal(
            expected.SelectMany(e => new[] { (e.TaskId, e.Path, "ch"), (e.TaskId, e.Path, "other") }),
            tuple.PendingWrites.Select(w => (w.TaskId, w.TaskPath, w.Channel)));
    }

    [Theory, BothModes]
    public virtual async Task Checkpoint_ids_order_by_code_point(ApiMode mode)
    {
        var saver = CreateSaver(mode);
        var threadId = NewThreadId();
        foreach (var suffix in Shuffled)
        {
            var checkpoint = TestData.Checkpoint();
            checkpoint.Id = "1-" + suffix;
            await saver.PutAsync(TestData.Config(threadId), checkpoint, TestData.Metadata(), TestData.NoVersions());
        }

        var newestFirst = InCodePointOrder.Reverse().Select(s => "1-" + s).ToList();

        Assert.Equal(newestFirst[0], (await saver.GetTupleAsync(TestData.Config(threadId)))?.Config.CheckpointId);
        Assert.Equal(newestFirst, (await saver.ListAsync(TestData.Config(threadId))).Select(t => t.Config.CheckpointId));
        var before = new CheckpointListOptions { Before = TestData.Config(threadId, checkpointId: "1-" + FirstSupplementary) };
        Assert.Equal(newestFirst.Skip(2), (await saver.ListAsync(TestData.Config(threadId), before)).Select(t => t.Config.CheckpointId));
    }
}
