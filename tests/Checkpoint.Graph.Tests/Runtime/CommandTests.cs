namespace Checkpoint.Graph.Tests.Runtime;

public sealed class CommandTests
{
    private readonly InMemorySaver _saver = new();
    private readonly RunConfig _thread = RunConfig.ForThread(Guid.NewGuid().ToString());

    [Fact]
    public void A_node_returning_a_command_updates_the_state_and_goes_where_it_says()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("route", _ => new Command { Update = new LogState { Log = ["route"] }, Goto = ["right"] })
            .AddNode("left", _ => new LogState { Log = ["left"] })
            .AddNode("right", _ => new LogState { Log = ["right"] })
            .AddEdge(StateGraph.Start, "route")
            .Compile(_saver);

        Assert.Equal(["route", "right"], graph.Invoke(new LogState(), _thread).Log);
    }

    [Fact]
    public void A_subgraph_node_can_update_its_parent_and_choose_the_parents_next_node()
    {
        var child = new StateGraph<LogState>()
            .AddNode("escalate", _ => new Command { Graph = Command.Parent, Update = new LogState { Log = ["escalated"] }, Goto = ["human"] })
            .AddNode("never", _ => new LogState { Log = ["never"] })
            .AddEdge(StateGraph.Start, "escalate")
            .AddEdge("escalate", "never")
            .Compile();
        var parent = new StateGraph<LogState>()
            .AddNode("child", child)
            .AddNode("human", _ => new LogState { Log = ["human"] })
            .AddEdge(StateGraph.Start, "child")
            .Compile(_saver);

        Assert.Equal(["in", "escalated", "human"], parent.Invoke(new LogState { Log = ["in"] }, _thread).Log);
    }

    [Fact]
    public void A_command_for_the_parent_from_a_root_graph_is_an_invalid_update()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("a", _ => new Command { Graph = Command.Parent, Goto = ["a"] })
            .AddEdge(StateGraph.Start, "a")
            .Compile(_saver);

        var error = Assert.Throws<InvalidUpdateException>(() => graph.Invoke(new LogState(), _thread));

        Assert.Contains("no parent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_goto_to_an_unknown_node_names_the_nodes()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("a", _ => Command.GoTo("nope"))
            .AddEdge(StateGraph.Start, "a")
            .Compile(_saver);

        var error = Assert.Throws<InvalidUpdateException>(() => graph.Invoke(new LogState(), _thread));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains("nodes: a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resume_command_may_also_update_the_state_and_add_a_goto()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("ask", (state, context) => new LogState { Log = [$"{context.Interrupt<string>("?")} with item {state.Item}"] })
            .AddNode("extra", _ => new LogState { Log = ["extra"] })
            .AddEdge(StateGraph.Start, "ask")
            .Compile(_saver);
        graph.Invoke(new LogState(), _thread);

        var done = graph.Invoke(Command.Resume("yes") with { Update = new LogState { Item = "x" }, Goto = ["extra"] }, _thread);

        Assert.Equal(["yes with item x", "extra"], done.Log);
    }

    [Fact]
    public void A_command_as_the_first_input_of_a_thread_applies_its_update_and_goto()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("a", _ => new LogState { Log = ["a"] })
            .AddNode("b", _ => new LogState { Log = ["b"] })
            .AddEdge(StateGraph.Start, "a")
            .Compile(_saver);

        var result = graph.Invoke(Command.GoTo("b", new Dictionary<string, object?> { ["log"] = new List<string> { "in" } }), _thread);

        Assert.Equal(["in", "b"], result.Log);
    }

    [Fact]
    public void An_update_of_another_state_type_is_refused_with_the_expected_types()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("a", _ => Command.GoTo("a", new TestState()))
            .AddEdge(StateGraph.Start, "a")
            .Compile(_saver);

        var error = Assert.Throws<InvalidUpdateException>(() => graph.Invoke(new LogState(), _thread));

        Assert.Contains("StateUpdate<LogState>", error.Message, StringComparison.Ordinal);
    }
}
