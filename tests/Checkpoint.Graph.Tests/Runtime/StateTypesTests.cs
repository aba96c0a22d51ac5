using System.Text.Json.Nodes;

namespace Checkpoint.Graph.Tests.Runtime;

public sealed class StateTypesTests
{
    [Fact]
    public void Dictionaries_json_arrays_dates_and_untyped_values_round_trip_through_checkpoints()
    {
        var saver = new InMemorySaver();
        var seen = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var graph = new StateGraph<RichState>()
            .AddNode("fill", _ => new RichState
            {
                Scores = new() { ["bob"] = 3 },
                Profile = new JsonObject { ["name"] = "Bob" },
                Tags = ["a", "b"],
                Seen = seen,
                Extra = new() { ["n"] = 1L, ["list"] = new List<object?> { "x" } },
            })
            .AddEdge(StateGraph.Start, "fill")
            .Compile(saver);
        var thread = RunConfig.ForThread("1");

        graph.Invoke(new RichState(), thread);
        var state = graph.GetState(thread).Values;

        Assert.Equal(3, state.Scores["bob"]);
        Assert.Equal("Bob", (string?)state.Profile!["name"]);
        Assert.Equal(["a", "b"], state.Tags!);
        Assert.Equal(seen, state.Seen);
        Assert.Equal(1L, state.Extra!["n"]);
        Assert.Equal(["x"], Assert.IsType<List<object?>>(state.Extra["list"]));
    }

    [Fact]
    public void A_node_that_edits_a_json_field_in_place_does_not_change_the_state()
    {
        var graph = new StateGraph<RichState>()
            .AddNode("edit", state =>
            {
                state.Profile!["name"] = "Mallory";
                return null;
            })
            .AddEdge(StateGraph.Start, "edit")
            .Compile();

        var result = graph.Invoke(new RichState { Profile = new JsonObject { ["name"] = "Bob" } });

        Assert.Equal("Bob", (string?)result.Profile!["name"]);
    }
}
