namespace Checkpoint.Graph.Tests.Runtime;

public sealed class SendTests
{
    private readonly InMemorySaver _saver = new();
    private readonly RunConfig _thread = RunConfig.ForThread(Guid.NewGuid().ToString());

    [Fact]
    public async Task Sends_run_one_task_per_item_each_with_its_own_input_and_their_updates_are_reduced_in_send_order()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("square", async state =>
            {
                await Task.Delay(state.Item == "2" ? 20 : 0);
                return new LogState { Log = [$"{int.Parse(state.Item!) * int.Parse(state.Item!)}"] };
            })
            .AddConditionalEdges(StateGraph.Start, s => s.Log.Select(i => new Send("square", new LogState { Item = i })))
            .Compile(_saver);

        var result = await graph.InvokeAsync(new LogState { Log = ["2", "3", "4"] }, _thread, Chat.Token);

        Assert.Equal(["2", "3", "4", "4", "9", "16"], result.Log);
    }

    [Fact]
    public void A_node_fans_out_with_sends_in_a_command_and_a_dictionary_input()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("plan", _ => new Command { Sends = [new Send("work", new Dictionary<string, object?> { ["item"] = "x" }), new Send("work", StateUpdate<LogState>.From(new LogState { Item = "y" }))] })
            .AddNode("work", state => new LogState { Log = [$"work {state.Item}"] })
            .AddEdge(StateGraph.Start, "plan")
            .Compile(_saver);

        Assert.Equal(["work x", "work y"], graph.Invoke(new LogState(), _thread).Log);
    }

    [Fact]
    public void A_send_to_an_unknown_node_or_with_an_unknown_field_is_an_invalid_update()
    {
        StateGraph<LogState> Builder(Send send) => new StateGraph<LogState>()
            .AddNode("work", _ => null)
            .AddConditionalEdges(StateGraph.Start, _ => [send]);

        var node = Assert.Throws<InvalidUpdateException>(() => Builder(new Send("nope", new LogState())).Compile(_saver).Invoke(new LogState(), _thread));
        var field = Assert.Throws<InvalidUpdateException>(() => Builder(new Send("work", new Dictionary<string, object?> { ["color"] = 1 })).Compile(_saver).Invoke(new LogState(), RunConfig.ForThread("2")));

        Assert.Contains("'nope'", node.Message, StringComparison.Ordinal);
        Assert.Contains("'color'", field.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sends_are_saved_as_pending_writes_of_the_task_that_sent_them()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("plan", _ => new Command { Sends = [new Send("work", new LogState { Item = "x" })] })
            .AddNode("work", (_, context) => new LogState { Log = [context.Interrupt<string>("wait")] })
            .AddEdge(StateGraph.Start, "plan")
            .Compile(_saver);

        graph.Invoke(new LogState(), _thread);
        var history = _saver.List(_thread).ToList();

        var afterPlan = history[0];
        Assert.Equal("loop", afterPlan.Metadata.Source);
        Assert.Single(Assert.IsAssignableFrom<System.Collections.IEnumerable>(afterPlan.Checkpoint.ChannelValues[SpecialChannels.Tasks]).Cast<object>());
        var planWrites = history[1].PendingWrites.Where(w => w.Channel == SpecialChannels.Tasks).ToList();
        Assert.Single(planWrites);
        Assert.Equal(["work"], graph.GetState(_thread).Next);
    }
}
