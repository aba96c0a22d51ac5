using System.Text.Json.Nodes;

namespace Checkpoint.Graph.Tests.Runtime;

public sealed class StateHistoryTests
{
    private readonly InMemorySaver _saver = new();
    private readonly RunConfig _thread = RunConfig.ForThread(Guid.NewGuid().ToString());
    private int _bRuns;

    private CompiledStateGraph<TestState> Graph() =>
        new StateGraph<TestState>()
            .AddNode("a", _ => new TestState { Log = ["a"] })
            .AddNode("b", _ =>
            {
                _bRuns++;
                return new TestState { Log = ["b"] };
            })
            .AddEdge(StateGraph.Start, "a")
            .AddEdge("a", "b")
            .Compile(_saver);

    [Fact]
    public void Checkpoints_carry_LangGraph_metadata_source_step_parents_run_id_and_config_keys()
    {
        Graph().Invoke(new TestState { Log = ["in"] }, _thread.With("user_id", "u-1").With("score", 3).With("__hidden", "x").With("recursion_limit", 10));

        var history = _saver.List(_thread).Reverse().ToList();
        Assert.Equal(["input", "loop", "loop"], history.Select(t => t.Metadata.Source));
        Assert.Equal([-1, 0, 1], history.Select(t => t.Metadata.Step));
        Assert.All(history, t => Assert.Empty(t.Metadata.Parents));
        Assert.Single(history.Select(t => t.Metadata.RunId).Distinct());
        Assert.All(history, t => Assert.Equal("u-1", (string?)t.Metadata["user_id"]));
        Assert.All(history, t => Assert.Equal(3, (int?)t.Metadata["score"]));
        Assert.All(history, t => Assert.False(t.Metadata.Values.ContainsKey("thread_id") || t.Metadata.Values.ContainsKey("__hidden") || t.Metadata.Values.ContainsKey("recursion_limit")));
        Assert.Null(history[0].ParentConfig);
        Assert.Equal(history[0].Config.CheckpointId, history[1].ParentConfig!.CheckpointId);
        Assert.Equal(history[1].Config.CheckpointId, history[2].ParentConfig!.CheckpointId);
    }

    [Fact]
    public void A_second_run_on_the_thread_continues_the_step_count_under_a_new_run_id()
    {
        var graph = Graph();
        graph.Invoke(new TestState(), _thread);
        graph.Invoke(new TestState { Log = ["again"] }, _thread);

        var history = _saver.List(_thread).Reverse().ToList();
        Assert.Equal([-1, 0, 1, 2, 3, 4], history.Select(t => t.Metadata.Step));
        Assert.Equal("input", history[3].Metadata.Source);
        Assert.Equal(2, history.Select(t => t.Metadata.RunId).Distinct().Count());
        Assert.Equal(["a", "b", "again", "a", "b"], graph.GetState(_thread).Values.Log);
    }

    [Fact]
    public async Task GetStateHistory_lists_states_newest_first_with_what_runs_next()
    {
        var graph = Graph();
        await graph.InvokeAsync(new TestState(), _thread, Chat.Token);

        var history = await graph.GetStateHistoryAsync(_thread, cancellationToken: Chat.Token).ToListAsync(Chat.Token);

        Assert.Equal([[], ["b"], ["a"]], history.Select(s => s.Next));
        Assert.Equal([["a", "b"], ["a"], []], history.Select(s => s.Values.Log));
        Assert.All(history, s => Assert.NotNull(s.CreatedAt));
        Assert.Equal(history[1].Config, history[0].ParentConfig);
    }

    [Fact]
    public void GetState_of_an_empty_thread_has_default_values_and_nothing_next()
    {
        var state = Graph().GetState(_thread);

        Assert.Empty(state.Values.Log);
        Assert.Empty(state.Next);
        Assert.Null(state.Metadata);
        Assert.Null(state.ParentConfig);
    }

    [Fact]
    public void UpdateState_applies_the_update_through_reducers_as_the_last_node_and_saves_an_update_checkpoint()
    {
        var graph = Graph();
        graph.Invoke(new TestState(), _thread);
        var head = _saver.GetTuple(_thread)!;

        var config = graph.UpdateState(_thread, new TestState { Log = ["patched"] });

        var updated = _saver.GetTuple(config)!;
        Assert.Equal("update", updated.Metadata.Source);
        Assert.Equal(2, updated.Metadata.Step);
        Assert.Equal(head.Config.CheckpointId, updated.ParentConfig!.CheckpointId);
        Assert.Equal(["a", "b", "patched"], graph.GetState(_thread).Values.Log);
        Assert.Empty(graph.GetState(_thread).Next);
    }

    [Fact]
    public void UpdateState_as_a_node_schedules_the_nodes_after_it()
    {
        var graph = Graph();
        graph.Invoke(new TestState(), _thread);

        graph.UpdateState(_thread, new TestState { Log = ["as a"] }, asNode: "a");
        var next = graph.GetState(_thread).Next;
        var resumed = graph.Invoke(null, _thread);

        Assert.Equal(["b"], next);
        Assert.Equal(["a", "b", "as a", "b"], resumed.Log);
    }

    [Fact]
    public void UpdateState_on_an_older_checkpoint_forks_the_thread_from_there()
    {
        var graph = Graph();
        graph.Invoke(new TestState { Log = ["in"] }, _thread);
        var afterA = graph.GetStateHistory(_thread).Single(s => s.Metadata!.Step == 0);

        var fork = graph.UpdateState(afterA.Config, new TestState { Log = ["forked"] }, asNode: "a");
        var resumed = graph.Invoke(null, _thread);

        var forkTuple = _saver.GetTuple(fork)!;
        Assert.Equal(afterA.Config.CheckpointId, forkTuple.ParentConfig!.CheckpointId);
        Assert.Equal(1, forkTuple.Metadata.Step);
        Assert.Equal(["in", "a", "forked", "b"], resumed.Log);
        Assert.Equal(5, _saver.List(_thread).Count());
    }

    [Fact]
    public void Invoking_from_an_older_checkpoint_replays_the_steps_after_it_as_a_fork()
    {
        var graph = Graph();
        graph.Invoke(new TestState { Log = ["in"] }, _thread);
        var afterA = graph.GetStateHistory(_thread).Single(s => s.Metadata!.Step == 0);

        var replayed = graph.Invoke(null, afterA.Config);

        Assert.Equal(["in", "a", "b"], replayed.Log);
        Assert.Equal(2, _bRuns);
        var newest = _saver.GetTuple(_thread)!;
        Assert.Equal(afterA.Config.CheckpointId, newest.ParentConfig!.CheckpointId);
        Assert.Equal("loop", newest.Metadata.Source);
        Assert.Equal(4, _saver.List(_thread).Count());
    }

    [Fact]
    public void Invoking_an_older_checkpoint_with_input_forks_with_an_input_checkpoint()
    {
        var graph = Graph();
        graph.Invoke(new TestState { Log = ["in"] }, _thread);
        var first = graph.GetStateHistory(_thread).Single(s => s.Metadata!.Step == -1);

        var result = graph.Invoke(new TestState { Log = ["more"] }, first.Config);

        Assert.Equal(["in", "more", "a", "b"], result.Log);
        var forkInput = _saver.List(_thread).Single(t => t.ParentConfig?.CheckpointId == first.Config.CheckpointId && t.Metadata.Source == "input");
        Assert.Equal(0, forkInput.Metadata.Step);
    }

    [Fact]
    public void Naming_a_checkpoint_the_thread_does_not_have_is_an_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Graph().Invoke(null, _thread.WithCheckpointId("1ef00000-0000-6000-8000-000000000000")));

        Assert.Contains("has no checkpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateState_without_asNode_after_parallel_nodes_is_ambiguous()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("a", _ => new TestState { Log = ["a"] })
            .AddNode("b", _ => new TestState { Log = ["b"] })
            .AddEdge(StateGraph.Start, "a")
            .AddEdge(StateGraph.Start, "b")
            .Compile(_saver);
        graph.Invoke(new TestState(), _thread);

        var error = Assert.Throws<InvalidUpdateException>(() => graph.UpdateState(_thread, new TestState { Log = ["x"] }));

        Assert.Contains("asNode", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "b", "x"], Assert.IsType<List<string>>(_saver.GetTuple(graph.UpdateState(_thread, new TestState { Log = ["x"] }, asNode: "b"))!.Checkpoint.ChannelValues["log"]));
    }

    [Fact]
    public void History_can_be_filtered_by_metadata()
    {
        var graph = Graph();
        graph.Invoke(new TestState(), _thread.With("user_id", "7"));

        var inputs = graph.GetStateHistory(_thread, new CheckpointListOptions { Filter = new Dictionary<string, JsonNode?> { ["source"] = "input", ["user_id"] = "7" } }).ToList();

        Assert.Equal(-1, Assert.Single(inputs).Metadata!.Step);
    }
}
