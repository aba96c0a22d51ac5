namespace Checkpoint.Graph.Tests.Runtime;

public sealed class ReducerTests
{
    [Fact]
    public async Task A_reducer_field_combines_the_updates_of_parallel_nodes_in_node_name_order()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("b", async _ =>
            {
                await Task.Yield();
                return new TestState { Log = ["from b"], Count = 2 };
            })
            .AddNode("a", _ => new TestState { Log = ["from a"], Count = 1 })
            .AddEdge(StateGraph.Start, "b")
            .AddEdge(StateGraph.Start, "a")
            .Compile();

        var result = await graph.InvokeAsync(new TestState { Log = ["input"] }, cancellationToken: Chat.Token);

        Assert.Equal(["input", "from a", "from b"], result.Log);
        Assert.Equal(3, result.Count);
    }

    [Fact]
    public async Task A_field_without_a_reducer_written_by_two_parallel_nodes_fails_and_checkpoints_nothing_for_that_step()
    {
        var saver = new InMemorySaver();
        var graph = new StateGraph<TestState>()
            .AddNode("a", _ => new TestState { Text = "a" })
            .AddNode("b", _ => new TestState { Text = "b" })
            .AddEdge(StateGraph.Start, "a")
            .AddEdge(StateGraph.Start, "b")
            .Compile(saver);
        var thread = RunConfig.ForThread("1");

        var error = await Assert.ThrowsAsync<InvalidUpdateException>(() => graph.InvokeAsync(new TestState { Plain = 1 }, thread, Chat.Token));

        Assert.Contains("'text'", error.Message, StringComparison.Ordinal);
        Assert.Contains("reducer", error.Message, StringComparison.Ordinal);
        Assert.Equal("input", saver.GetTuple(thread)!.Metadata.Source);
    }

    [Fact]
    public void AddReducer_gives_a_field_a_reducer_declared_in_the_builder()
    {
        var graph = new StateGraph<TestState>()
            .AddReducer(s => s.Plain, Math.Max)
            .AddNode("a", _ => new TestState { Plain = 3 })
            .AddNode("b", _ => new TestState { Plain = 7 })
            .AddEdge(StateGraph.Start, "a")
            .AddEdge(StateGraph.Start, "b")
            .Compile();

        Assert.Equal(7, graph.Invoke(new TestState { Plain = 5 }).Plain);
    }

    [Fact]
    public void A_partial_state_writes_only_the_fields_that_differ_from_a_new_state()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("a", _ => new TestState { Plain = 2 })
            .AddEdge(StateGraph.Start, "a")
            .Compile();

        var result = graph.Invoke(new TestState { Text = "kept", Log = ["kept"], Count = 1 });

        Assert.Equal("kept", result.Text);
        Assert.Equal(["kept"], result.Log);
        Assert.Equal(1, result.Count);
        Assert.Equal(2, result.Plain);
    }

    [Fact]
    public void Set_writes_a_field_back_to_its_default()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("clear", _ => new StateUpdate<TestState>().Set(s => s.Text, null).Set(s => s.Plain, 0))
            .AddEdge(StateGraph.Start, "clear")
            .Compile();

        var result = graph.Invoke(new TestState { Text = "x", Plain = 9 });

        Assert.Null(result.Text);
        Assert.Equal(0, result.Plain);
    }

    [Fact]
    public void A_node_that_changes_the_list_it_was_handed_does_not_change_the_state_behind_its_back()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("sneaky", state =>
            {
                state.Log.Add("sneaked in");
                return null;
            })
            .AddEdge(StateGraph.Start, "sneaky")
            .Compile();

        Assert.Equal(["input"], graph.Invoke(new TestState { Log = ["input"] }).Log);
    }

    [Fact]
    public void A_node_may_return_a_partial_state_or_null_from_one_expression()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("maybe", state => state.Plain > 0 ? new TestState { Text = "positive" } : null)
            .AddEdge(StateGraph.Start, "maybe")
            .Compile();

        Assert.Equal("positive", graph.Invoke(new TestState { Plain = 1 }).Text);
        Assert.Null(graph.Invoke(new TestState { Plain = -1 }).Text);
    }

    [Fact]
    public void Set_with_a_name_that_is_not_a_field_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new StateUpdate<TestState>().Set("nope", 1));

        Assert.Contains("text, log, count, plain", error.Message, StringComparison.Ordinal);
    }
}
