namespace Checkpoint.Graph.Tests.Runtime;

public sealed class StreamingTests
{
    private static CompiledStateGraph<TestState> TwoSteps(List<string>? ran = null) =>
        new StateGraph<TestState>()
            .AddNode("first", _ =>
            {
                ran?.Add("first");
                return new TestState { Log = ["first"] };
            })
            .AddNode("second", _ =>
            {
                ran?.Add("second");
                return new TestState { Log = ["second"], Text = "done" };
            })
            .AddEdge(StateGraph.Start, "first")
            .AddEdge("first", "second")
            .Compile(new InMemorySaver());

    [Fact]
    public async Task Values_mode_streams_the_input_state_then_the_state_after_each_step()
    {
        var chunks = await TwoSteps().StreamAsync(new TestState { Log = ["input"] }, RunConfig.ForThread("1"), StreamMode.Values, Chat.Token).ToListAsync(Chat.Token);

        Assert.All(chunks, c => Assert.Equal(StreamMode.Values, c.Mode));
        Assert.Equal([["input"], ["input", "first"], ["input", "first", "second"]], chunks.Select(c => c.State!.Log));
        Assert.Equal([-1, 0, 1], chunks.Select(c => c.Step));
    }

    [Fact]
    public async Task Updates_mode_streams_each_nodes_update_by_node()
    {
        var chunks = await TwoSteps().StreamAsync(new TestState { Log = ["input"] }, RunConfig.ForThread("1"), StreamMode.Updates, Chat.Token).ToListAsync(Chat.Token);

        Assert.Equal(["first", "second"], chunks.Select(c => c.Node));
        Assert.Equal(["first"], Assert.IsType<List<string>>(chunks[0].Update!["log"]));
        Assert.Equal("done", chunks[1].Update!["text"]);
        Assert.DoesNotContain("count", chunks[1].Update!.Keys);
    }

    [Fact]
    public void Both_modes_stream_each_update_before_the_state_of_its_step()
    {
        var chunks = TwoSteps().Stream(new TestState { Log = ["input"] }, RunConfig.ForThread("1"), StreamMode.Values | StreamMode.Updates).ToList();

        Assert.Equal(
            ["Values:", "Updates:first", "Values:", "Updates:second", "Values:"],
            chunks.Select(c => $"{c.Mode}:{c.Node}"));
    }

    [Fact]
    public void An_input_that_writes_no_field_streams_no_input_state()
    {
        var chunks = TwoSteps().Stream(new TestState(), RunConfig.ForThread("1")).ToList();

        Assert.Equal([0, 1], chunks.Select(c => c.Step));
    }

    [Fact]
    public void A_sync_stream_advances_only_as_it_is_enumerated()
    {
        var ran = new List<string>();

        var first = TwoSteps(ran).Stream(new TestState(), RunConfig.ForThread("1"), StreamMode.Updates).First();

        Assert.Equal("first", first.Node);
        Assert.Equal(["first"], ran);
    }
}
