using System.Text.Json.Nodes;
using Checkpoint.Graph.Tests.Scenarios;
using static Checkpoint.Graph.Tests.Scenarios.SubgraphScenarioTests;

namespace Checkpoint.Graph.Tests.Runtime;

public sealed class SubgraphTests
{
    [Fact]
    public void Adding_a_subgraph_compiled_with_its_own_checkpointer_instance_is_a_clear_error()
    {
        var subgraph = AppendBar().Compile(new InMemorySaver());

        var error = Assert.Throws<ArgumentException>(() => new StateGraph<FooState>().AddNode("node_1", subgraph));

        Assert.Contains("checkpointer: true", error.Message, StringComparison.Ordinal);
        Assert.Contains("'node_1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_graph_compiled_with_checkpointer_true_cannot_run_on_its_own()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AppendBar().Compile(checkpointer: true).Invoke(new FooState(), RunConfig.ForThread("1")));

        Assert.Contains("subgraph", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_subgraphs_checkpoint_under_joined_namespaces_with_every_ancestor_as_a_parent()
    {
        var saver = new InMemorySaver();
        var inner = AppendBar().Compile();
        var middle = new StateGraph<FooState>().AddNode("inner", inner).AddEdge(StateGraph.Start, "inner").Compile();
        var parent = new StateGraph<FooState>().AddNode("middle", middle).AddEdge(StateGraph.Start, "middle").Compile(saver);
        var thread = Guid.NewGuid().ToString();

        var result = parent.Invoke(new FooState { Foo = "hi! " }, RunConfig.ForThread(thread));

        Assert.Equal("hi! bar", result.Foo);
        var innermost = saver.List(new RunConfig(thread)).Where(t => t.Config.ResolvedCheckpointNs.Contains('|', StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(innermost);
        var ns = innermost[0].Config.ResolvedCheckpointNs;
        Assert.Matches("^middle:[0-9a-f-]{36}\\|inner:[0-9a-f-]{36}$", ns);
        var parents = innermost[0].Metadata.Parents;
        Assert.Equal([string.Empty, ns.Split('|')[0]], parents.Keys.Order(StringComparer.Ordinal));
        Assert.NotNull(saver.GetTuple(new RunConfig(thread, ns.Split('|')[0], parents[ns.Split('|')[0]])));
    }

    [Fact]
    public void A_subgraph_compiled_with_checkpointer_false_saves_nothing()
    {
        var saver = new InMemorySaver();
        var parent = Parent(AppendBar().Compile(checkpointer: false), saver);
        var thread = Guid.NewGuid().ToString();

        Assert.Equal("hi! bar", parent.Invoke(new FooState { Foo = "hi! " }, RunConfig.ForThread(thread)).Foo);
        Assert.All(saver.List(new RunConfig(thread)), t => Assert.Equal(string.Empty, t.Config.CheckpointNs));
    }

    [Fact]
    public void A_subgraph_reaches_its_parents_store_and_config()
    {
        var store = new InMemoryStore();
        var subgraph = new StateGraph<FooState>()
            .AddNode("remember", (state, context) =>
            {
                context.Store.Put(["seen", context.Config.Get<string>("user_id")!], "foo", new JsonObject { ["value"] = state.Foo });
                return null;
            })
            .AddEdge(StateGraph.Start, "remember")
            .Compile();
        var parent = new StateGraph<FooState>().AddNode("node_1", subgraph).AddEdge(StateGraph.Start, "node_1").Compile(new InMemorySaver(), store);

        parent.Invoke(new FooState { Foo = "x" }, RunConfig.ForThread("1").With("user_id", "u"));

        Assert.Equal("x", (string?)store.Get(["seen", "u"], "foo")!.Value["value"]);
    }

    [Fact]
    public void A_parent_retried_after_its_subgraph_failed_resumes_the_subgraph_without_rerunning_its_finished_nodes()
    {
        var saver = new InMemorySaver();
        var firstRuns = 0;
        var secondRuns = 0;
        var subgraph = new StateGraph<FooState>()
            .AddNode("first", state =>
            {
                firstRuns++;
                return new FooState { Foo = state.Foo + "1" };
            })
            .AddNode("second", state => ++secondRuns == 1 ? throw new InvalidOperationException("boom") : new FooState { Foo = state.Foo + "2" })
            .AddEdge(StateGraph.Start, "first")
            .AddEdge("first", "second")
            .Compile();
        var parent = Parent(subgraph, saver);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());

        Assert.Throws<InvalidOperationException>(() => parent.Invoke(new FooState { Foo = ">" }, thread));
        var result = parent.Invoke(null, thread);

        Assert.Equal(">12", result.Foo);
        Assert.Equal(1, firstRuns);
        Assert.Equal(2, secondRuns);
    }
}
