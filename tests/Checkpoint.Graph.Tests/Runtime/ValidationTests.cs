namespace Checkpoint.Graph.Tests.Runtime;

public sealed class ValidationTests
{
    public sealed class Point
    {
        public int X { get; set; }
    }

    public sealed class PointState
    {
        public Point? Position { get; set; }
    }

    public sealed class PointListState
    {
        public List<Point> Points { get; set; } = [];

        public Dictionary<string, Point[]> Named { get; set; } = [];
    }

    [Fact]
    public void A_graph_without_an_entry_point_does_not_compile()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new StateGraph<TestState>().AddNode("a", _ => null).Compile());

        Assert.Contains("StateGraph.Start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edge_to_an_unknown_node_does_not_compile()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new StateGraph<TestState>().AddNode("a", _ => null).AddEdge(StateGraph.Start, "a").AddEdge("a", "missing").Compile());

        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StateGraph.Start)]
    [InlineData(StateGraph.End)]
    [InlineData("a:b")]
    [InlineData("a|b")]
    [InlineData("")]
    public void Reserved_or_malformed_node_names_are_refused(string name)
    {
        Assert.ThrowsAny<ArgumentException>(() => new StateGraph<TestState>().AddNode(name, _ => null));
    }

    [Fact]
    public void Two_nodes_with_one_name_are_refused()
    {
        var builder = new StateGraph<TestState>().AddNode("a", _ => null);

        Assert.Throws<ArgumentException>(() => builder.AddNode("a", _ => null));
    }

    [Fact]
    public void A_graph_with_a_checkpointer_needs_a_thread()
    {
        var graph = new StateGraph<TestState>().AddNode("a", _ => null).AddEdge(StateGraph.Start, "a").Compile(new InMemorySaver());

        var error = Assert.Throws<ArgumentException>(() => graph.Invoke(new TestState()));

        Assert.Contains("RunConfig.ForThread", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_state_api_needs_a_checkpointer()
    {
        var graph = new StateGraph<TestState>().AddNode("a", _ => null).AddEdge(StateGraph.Start, "a").Compile();

        Assert.Throws<InvalidOperationException>(() => graph.GetState(RunConfig.ForThread("1")));
        Assert.Throws<InvalidOperationException>(() => graph.UpdateState(RunConfig.ForThread("1"), new TestState()));
    }

    [Fact]
    public void A_state_field_of_an_unregistered_type_is_refused_at_compile_with_how_to_register_it()
    {
        var builder = new StateGraph<PointState>().AddNode("a", _ => new PointState { Position = new Point { X = 1 } }).AddEdge(StateGraph.Start, "a");

        var error = Assert.Throws<InvalidOperationException>(() => builder.Compile(new InMemorySaver()));

        Assert.Contains("'position'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Register<Point>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_or_dictionary_of_an_unregistered_type_names_the_element_type_to_register()
    {
        var list = Assert.Throws<InvalidOperationException>(() => new StateGraph<PointListState>().AddNode("a", _ => null).AddEdge(StateGraph.Start, "a").Compile(new InMemorySaver()));
        var serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions().Register<Point>("test.point"));

        Assert.Contains("Register<Point>(\"point\")", list.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("List`1", list.Message, StringComparison.Ordinal);
        new StateGraph<PointListState>().AddNode("a", _ => null).AddEdge(StateGraph.Start, "a").Compile(new InMemorySaver(serializer));
    }

    [Fact]
    public void A_registered_state_field_type_round_trips_through_the_checkpointer()
    {
        var serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions().Register<Point>("test.point"));
        var saver = new InMemorySaver(serializer);
        var graph = new StateGraph<PointState>()
            .AddNode("a", _ => new PointState { Position = new Point { X = 7 } })
            .AddEdge(StateGraph.Start, "a")
            .Compile(saver);

        graph.Invoke(new PointState(), RunConfig.ForThread("1"));

        Assert.Equal(7, graph.GetState(RunConfig.ForThread("1")).Values.Position!.X);
    }

    [Fact]
    public void A_node_asking_for_a_missing_store_gets_a_clear_error()
    {
        var graph = new StateGraph<TestState>()
            .AddNode("needs_store", (_, context) => context.Store.Search(["x"]).Count > 0 ? null : null)
            .AddEdge(StateGraph.Start, "needs_store")
            .Compile();

        var error = Assert.Throws<InvalidOperationException>(() => graph.Invoke(new TestState()));

        Assert.Contains("without one", error.Message, StringComparison.Ordinal);
        Assert.Contains("needs_store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_state_class_without_properties_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new StateGraph<EmptyState>());
    }

    public sealed class EmptyState
    {
    }
}
