namespace Checkpoint.Graph.Tests.Scenarios;

/// <summary>Scenario 3: a compiled graph as a node checkpoints under its own namespace with the parent's checkpointer.</summary>
public sealed class SubgraphScenarioTests
{
    public sealed class FooState
    {
        public string Foo { get; set; } = string.Empty;
    }

    public sealed class CountingState
    {
        public string Foo { get; set; } = string.Empty;

        [Reducer(typeof(SumReducer))]
        public int Calls { get; set; }
    }

    public sealed class SumReducer : IReducer<int>
    {
        public int Reduce(int current, int update) => current + update;
    }

    internal static CompiledStateGraph<FooState> Parent(CompiledStateGraph<FooState> subgraph, BaseCheckpointSaver saver) =>
        new StateGraph<FooState>().AddNode("node_1", subgraph).AddEdge(StateGraph.Start, "node_1").Compile(saver);

    internal static StateGraph<FooState> AppendBar() =>
        new StateGraph<FooState>()
            .AddNode("subgraph_node_1", state => new FooState { Foo = state.Foo + "bar" })
            .AddEdge(StateGraph.Start, "subgraph_node_1");

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task The_parents_checkpointer_holds_the_subgraphs_checkpoints_under_its_namespace(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var parent = Parent(AppendBar().Compile(), backend.Saver);
        var thread = Guid.NewGuid().ToString();

        var result = await parent.InvokeAsync(new FooState { Foo = "hi! " }, RunConfig.ForThread(thread), Chat.Token);

        Assert.Equal("hi! bar", result.Foo);
        var all = backend.Saver.List(new RunConfig(thread)).ToList();
        var root = all.Where(t => t.Config.ResolvedCheckpointNs == string.Empty).ToList();
        var sub = all.Where(t => t.Config.ResolvedCheckpointNs != string.Empty).ToList();
        var ns = Assert.Single(sub.Select(t => t.Config.ResolvedCheckpointNs).Distinct());
        Assert.Matches("^node_1:[0-9a-f-]{36}$", ns);
        Assert.Equal(["input", "loop"], sub.OrderBy(t => t.Config.CheckpointId, StringComparer.Ordinal).Select(t => t.Metadata.Source));
        Assert.Equal("hi! bar", sub[0].Checkpoint.ChannelValues["foo"]);
        Assert.All(sub, t => Assert.Contains(t.Metadata.Parents[string.Empty], root.Select(r => r.Config.CheckpointId)));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task A_subgraph_compiled_with_checkpointer_true_accumulates_its_own_history_across_parent_runs(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var subgraph = new StateGraph<CountingState>()
            .AddNode("subgraph_node_1", state => new CountingState { Foo = state.Foo + "bar", Calls = 1 })
            .AddEdge(StateGraph.Start, "subgraph_node_1")
            .Compile(checkpointer: true);
        var parent = new StateGraph<FooState>().AddNode("node_1", subgraph).AddEdge(StateGraph.Start, "node_1").Compile(backend.Saver);
        var thread = Guid.NewGuid().ToString();

        await parent.InvokeAsync(new FooState { Foo = "hi! " }, RunConfig.ForThread(thread), Chat.Token);
        var historyAfterOne = backend.Saver.List(new RunConfig(thread, "node_1")).Count();
        await parent.InvokeAsync(new FooState { Foo = "hi! " }, RunConfig.ForThread(thread), Chat.Token);

        var history = backend.Saver.List(new RunConfig(thread, "node_1")).ToList();
        Assert.Equal(2, historyAfterOne);
        Assert.Equal(4, history.Count);
        Assert.Equal([2, 1, 0, -1], history.Select(t => t.Metadata.Step));
        Assert.Equal(2, history[0].Checkpoint.ChannelValues["calls"]);
        Assert.DoesNotContain(backend.Saver.List(new RunConfig(thread)), t => t.Config.ResolvedCheckpointNs.Contains(':', StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task An_inheriting_subgraph_starts_fresh_under_a_new_namespace_on_every_parent_run(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var subgraph = new StateGraph<CountingState>()
            .AddNode("subgraph_node_1", state => new CountingState { Foo = state.Foo + "bar", Calls = 1 })
            .AddEdge(StateGraph.Start, "subgraph_node_1")
            .Compile();
        var parent = new StateGraph<FooState>().AddNode("node_1", subgraph).AddEdge(StateGraph.Start, "node_1").Compile(backend.Saver);
        var thread = Guid.NewGuid().ToString();

        await parent.InvokeAsync(new FooState { Foo = "hi! " }, RunConfig.ForThread(thread), Chat.Token);
        await parent.InvokeAsync(new FooState { Foo = "hi! " }, RunConfig.ForThread(thread), Chat.Token);

        var subCheckpoints = backend.Saver.List(new RunConfig(thread)).Where(t => t.Config.ResolvedCheckpointNs.Length > 0).ToList();
        Assert.Equal(2, subCheckpoints.Select(t => t.Config.ResolvedCheckpointNs).Distinct().Count());
        Assert.All(subCheckpoints.Where(t => t.Metadata.Source == "loop"), t => Assert.Equal(1, t.Checkpoint.ChannelValues["calls"]));
    }
}
