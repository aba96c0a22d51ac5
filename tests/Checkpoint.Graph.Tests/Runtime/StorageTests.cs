namespace Checkpoint.Graph.Tests.Runtime;

/// <summary>What the runtime asks the checkpointer to store: only what changed, and each task's writes as it finishes.</summary>
public sealed class StorageTests
{
    private readonly RecordingSaver _saver = new();
    private readonly RunConfig _thread = RunConfig.ForThread(Guid.NewGuid().ToString());

    [Fact]
    public void Each_put_names_only_the_channels_updated_in_its_step_as_new_versions()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("write_text", _ => new TestState { Text = "hello" })
            .AddNode("count", _ => new TestState { Count = 1 })
            .AddEdge(StateGraph.Start, "write_text")
            .AddEdge("write_text", "count")
            .Compile(_saver);

        graph.Invoke(new TestState { Log = ["in"] }, _thread);

        var puts = _saver.Puts.ToList();
        Assert.Equal(["branch:to:write_text", "log"], puts[0].NewVersionChannels.Order(StringComparer.Ordinal));
        Assert.Equal(["branch:to:count", "branch:to:write_text", "text"], puts[1].NewVersionChannels.Order(StringComparer.Ordinal));
        Assert.Equal(["branch:to:count", "count"], puts[2].NewVersionChannels.Order(StringComparer.Ordinal));
        Assert.Equal(["count"], puts[2].Checkpoint.UpdatedChannels);

        // Unchanged channels keep their version, so savers find their values under the old one.
        Assert.Equal(puts[0].Checkpoint.ChannelVersions["log"], puts[2].Checkpoint.ChannelVersions["log"]);
        Assert.Equal(["hello"], new[] { _saver.GetTuple(_thread)!.Checkpoint.ChannelValues["text"] });
    }

    [Fact]
    public void Every_put_names_the_previous_checkpoint_as_its_parent_and_uses_time_ordered_ids()
    {
        var graph = new StateGraph<TestState>().AddNode("a", _ => null).AddEdge(StateGraph.Start, "a").Compile(_saver);

        graph.Invoke(new TestState { Plain = 1 }, _thread);
        graph.Invoke(new TestState { Plain = 2 }, _thread);

        var puts = _saver.Puts.ToList();
        Assert.Null(puts[0].ParentCheckpointId);
        for (var i = 1; i < puts.Count; i++)
        {
            Assert.Equal(puts[i - 1].Checkpoint.Id, puts[i].ParentCheckpointId);
            Assert.True(string.CompareOrdinal(puts[i - 1].Checkpoint.Id, puts[i].Checkpoint.Id) < 0);
            Assert.Equal(GraphCheckpoint.CurrentFormatVersion, puts[i].Checkpoint.V);
        }
    }

    [Fact]
    public async Task Each_task_saves_its_writes_against_the_steps_checkpoint_before_the_next_checkpoint()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("a", _ => new TestState { Log = ["a"] })
            .AddNode("quiet", _ => null)
            .AddEdge(StateGraph.Start, "a")
            .AddEdge(StateGraph.Start, "quiet")
            .Compile(_saver);

        await graph.InvokeAsync(new TestState(), _thread, Chat.Token);

        var inputCheckpoint = _saver.Puts.First().Checkpoint.Id;
        var writes = _saver.Writes.ToList();
        Assert.Equal(2, writes.Count);
        Assert.All(writes, w => Assert.Equal(inputCheckpoint, w.CheckpointId));
        Assert.Equal(2, writes.Select(w => w.TaskId).Distinct().Count());
        Assert.Contains(writes, w => w.Channels.SequenceEqual(["log"]));
        Assert.Contains(writes, w => w.Channels.SequenceEqual(["__no_writes__"]));
    }

    [Fact]
    public async Task A_failed_task_saves_an_error_write_and_no_checkpoint_follows()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("ok", _ => new TestState { Log = ["ok"] })
            .AddNode("bad", _ => throw new InvalidOperationException("bad node"))
            .AddEdge(StateGraph.Start, "ok")
            .AddEdge(StateGraph.Start, "bad")
            .Compile(_saver);

        await Assert.ThrowsAsync<InvalidOperationException>(() => graph.InvokeAsync(new TestState(), _thread, Chat.Token));

        Assert.Single(_saver.Puts);
        var pending = _saver.GetTuple(_thread)!.PendingWrites;
        Assert.Contains(pending, w => w.Channel == "__error__" && ((string)w.Value!).Contains("bad node", StringComparison.Ordinal));
        Assert.Contains(pending, w => w.Channel == "log");
    }

    [Fact]
    public void A_value_the_serializer_refuses_fails_the_run_with_the_channel_named()
    {
        var graph = new StateGraph<UntypedState>()
            .AddNode("a", _ => new UntypedState { Anything = new { Unregistered = true } })
            .AddEdge(StateGraph.Start, "a")
            .Compile(_saver);

        var error = Assert.Throws<CheckpointSerializationException>(() => graph.Invoke(new UntypedState(), _thread));

        Assert.Contains("anything", error.Message, StringComparison.Ordinal);
    }

    public sealed class UntypedState
    {
        public object? Anything { get; set; }
    }
}
