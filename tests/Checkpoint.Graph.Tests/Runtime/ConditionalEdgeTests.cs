namespace Checkpoint.Graph.Tests.Runtime;

public sealed class ConditionalEdgeTests
{
    [Fact]
    public void A_router_sees_the_nodes_own_update_and_can_loop_until_it_routes_to_the_end()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("step", _ => new TestState { Count = 1, Log = ["step"] })
            .AddConditionalEdges("step", state => state.Count < 3 ? "step" : StateGraph.End)
            .AddEdge(StateGraph.Start, "step")
            .Compile();

        var result = graph.Invoke(new TestState());

        Assert.Equal(3, result.Count);
        Assert.Equal(["step", "step", "step"], result.Log);
    }

    [Fact]
    public async Task A_path_map_turns_router_labels_into_nodes()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("classify", _ => null)
            .AddNode("yes", _ => new TestState { Text = "went yes" })
            .AddNode("no", _ => new TestState { Text = "went no" })
            .AddEdge(StateGraph.Start, "classify")
            .AddConditionalEdges("classify", async (state, context) =>
            {
                await Task.Yield();
                return state.Plain > 0 ? "positive" : "other";
            }, new Dictionary<string, string> { ["positive"] = "yes", ["other"] = "no" })
            .Compile();

        Assert.Equal("went yes", (await graph.InvokeAsync(new TestState { Plain = 1 }, cancellationToken: Chat.Token)).Text);
        Assert.Equal("went no", (await graph.InvokeAsync(new TestState { Plain = -1 }, cancellationToken: Chat.Token)).Text);
    }

    [Fact]
    public void A_router_result_outside_its_path_map_is_a_clear_error()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("classify", _ => null)
            .AddNode("yes", _ => null)
            .AddEdge(StateGraph.Start, "classify")
            .AddConditionalEdges("classify", _ => "maybe", new Dictionary<string, string> { ["positive"] = "yes" })
            .Compile();

        var error = Assert.Throws<InvalidOperationException>(() => graph.Invoke(new TestState()));

        Assert.Contains("'maybe'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_router_can_fan_out_to_several_nodes_that_run_in_the_same_step()
    {
        var saver = new InMemorySaver();
        var graph = new StateGraph<TestState>()
            .AddNode("a", _ => new TestState { Log = ["a"] })
            .AddNode("b", _ => new TestState { Log = ["b"] })
            .AddConditionalEdges(StateGraph.Start, _ => ["a", "b"])
            .Compile(saver);

        var result = graph.Invoke(new TestState(), RunConfig.ForThread("1"));

        Assert.Equal(["a", "b"], result.Log);
        Assert.Equal([0, -1], saver.List(RunConfig.ForThread("1")).Select(t => t.Metadata.Step));
    }

    [Fact]
    public void A_join_runs_its_target_once_after_every_source_ran_even_in_different_steps()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("fast", _ => new TestState { Log = ["fast"] })
            .AddNode("slow1", _ => new TestState { Log = ["slow1"] })
            .AddNode("slow2", _ => new TestState { Log = ["slow2"] })
            .AddNode("joined", state => new TestState { Log = [$"joined after {state.Log.Count}"] })
            .AddEdge(StateGraph.Start, "fast")
            .AddEdge(StateGraph.Start, "slow1")
            .AddEdge("slow1", "slow2")
            .AddEdge(["fast", "slow2"], "joined")
            .Compile();

        var result = graph.Invoke(new TestState());

        Assert.Equal(["fast", "slow1", "slow2", "joined after 3"], result.Log);
    }

    [Fact]
    public void A_graph_that_never_stops_hits_the_recursion_limit()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("again", _ => new TestState { Count = 1 })
            .AddEdge(StateGraph.Start, "again")
            .AddEdge("again", "again")
            .Compile();

        var error = Assert.Throws<GraphRecursionException>(() => graph.Invoke(new TestState(), RunConfig.ForThread("1").With("recursion_limit", 5)));

        Assert.Contains("5 steps", error.Message, StringComparison.Ordinal);
        Assert.Contains("recursion_limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_recursion_limit_counts_the_steps_of_one_run()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("step", _ => new TestState { Count = 1 })
            .AddConditionalEdges("step", state => state.Count < 5 ? "step" : StateGraph.End)
            .AddEdge(StateGraph.Start, "step")
            .Compile();

        Assert.Equal(5, graph.Invoke(new TestState(), new RunConfig(null).With("recursion_limit", 5)).Count);
        Assert.Throws<GraphRecursionException>(() => graph.Invoke(new TestState(), new RunConfig(null).With("recursion_limit", 4)));
    }
}
