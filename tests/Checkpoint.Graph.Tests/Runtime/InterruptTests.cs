using System.Text.Json.Nodes;

namespace Checkpoint.Graph.Tests.Runtime;

public sealed class InterruptTests
{
    private readonly InMemorySaver _saver = new();
    private readonly RunConfig _thread = RunConfig.ForThread(Guid.NewGuid().ToString());

    private CompiledStateGraph<LogState> TwoQuestions(List<string> ran) =>
        new StateGraph<LogState>()
            .AddNode("ask", (_, context) =>
            {
                ran.Add("before");
                var name = context.Interrupt<string>("name?");
                ran.Add($"got {name}");
                var age = context.Interrupt<int>("age?");
                return new LogState { Log = [$"{name} is {age}"] };
            })
            .AddEdge(StateGraph.Start, "ask")
            .Compile(_saver);

    [Fact]
    public void Several_interrupts_in_one_node_are_answered_in_order_each_by_its_own_resume()
    {
        var ran = new List<string>();
        var graph = TwoQuestions(ran);

        var first = graph.Run(new LogState(), _thread);
        var second = graph.Run(Command.Resume("bob"), _thread);
        var done = graph.Run(Command.Resume(42), _thread);

        Assert.Equal("name?", (string?)Assert.Single(first.Interrupts).Value);
        Assert.Equal("age?", (string?)Assert.Single(second.Interrupts).Value);
        Assert.NotEqual(first.Interrupts[0].Id, second.Interrupts[0].Id);
        Assert.Equal(["bob is 42"], done.Value.Log);
        Assert.Equal(["before", "before", "got bob", "before", "got bob"], ran);
    }

    [Fact]
    public void A_node_with_a_second_interrupt_pending_stays_next_and_shows_only_that_interrupt()
    {
        var graph = TwoQuestions([]);
        graph.Run(new LogState(), _thread);
        var second = graph.Run(Command.Resume("bob"), _thread);

        var state = graph.GetState(_thread);

        Assert.Equal(["ask"], state.Next);
        Assert.Equal(second.Interrupts, state.Interrupts);
        Assert.Equal(second.Interrupts, state.Tasks.Single().Interrupts);
    }

    [Fact]
    public void Interrupt_ids_are_the_same_when_the_same_step_is_run_again()
    {
        var graph = TwoQuestions([]);

        var first = graph.Run(new LogState(), _thread);
        var again = graph.Run(null, _thread);

        Assert.Equal(first.Interrupts, again.Interrupts);
    }

    [Fact]
    public void Resuming_with_nothing_pending_or_an_unknown_id_is_a_clear_error_and_saves_nothing()
    {
        var graph = TwoQuestions([]);
        graph.Invoke(new LogState(), _thread);
        var writesBefore = _saver.GetTuple(_thread)!.PendingWrites.Count;

        var unknown = Assert.Throws<ArgumentException>(() => graph.Invoke(Command.Resume(new Dictionary<string, object?> { ["0123456789abcdef0123456789abcdef"] = "x" }), _thread));
        var fresh = RunConfig.ForThread(Guid.NewGuid().ToString());
        var nothing = Assert.Throws<InvalidOperationException>(() => graph.Invoke(Command.Resume("x"), fresh));

        Assert.Contains("no such pending interrupt", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("no checkpoint", nothing.Message, StringComparison.Ordinal);
        Assert.Equal(writesBefore, _saver.GetTuple(_thread)!.PendingWrites.Count);
        Assert.Throws<ArgumentNullException>(() => Command.Resume((object)null!));
    }

    [Fact]
    public void Interrupt_without_a_checkpointer_says_the_run_could_not_be_resumed()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("ask", (_, context) => new LogState { Log = [context.Interrupt<string>("?")] })
            .AddEdge(StateGraph.Start, "ask")
            .Compile();

        var error = Assert.Throws<InvalidOperationException>(() => graph.Invoke(new LogState()));

        Assert.Contains("no checkpointer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void New_input_instead_of_an_answer_drops_the_pending_interrupt()
    {
        var ran = new List<string>();
        var graph = new StateGraph<LogState>()
            .AddNode("ask", (state, context) => state.Item == "skip" ? null : new LogState { Log = [context.Interrupt<string>("?")] })
            .AddNode("other", _ => new LogState { Log = ["other"] })
            .AddEdge(StateGraph.Start, "other")
            .AddEdge("other", "ask")
            .Compile(_saver);
        graph.Invoke(new LogState(), _thread);

        var output = graph.Run(new LogState { Item = "skip" }, _thread);

        Assert.False(output.IsPaused);
        Assert.Empty(graph.GetState(_thread).Interrupts);
        Assert.Equal(["other", "other"], output.Value.Log);
    }

    [Fact]
    public void A_paused_run_returns_the_updates_of_nodes_that_finished_in_the_paused_step()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("ask", (_, context) => new LogState { Log = [context.Interrupt<string>("?")] })
            .AddNode("sibling", _ => new LogState { Log = ["sibling"] })
            .AddEdge(StateGraph.Start, "ask")
            .AddEdge(StateGraph.Start, "sibling")
            .Compile(_saver);

        var paused = graph.Run(new LogState { Log = ["in"] }, _thread);
        var state = graph.GetState(_thread);

        Assert.Equal(["in", "sibling"], paused.Value.Log);
        Assert.Equal(["ask"], paused.Next);
        Assert.Equal(["in", "sibling"], state.Values.Log);
        Assert.Equal(["ask"], state.Next);
    }

    [Fact]
    public void Interrupt_values_and_answers_of_any_shape_round_trip_as_json()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("ask", (_, context) =>
            {
                var answer = context.Interrupt(new ReviewDecision("approve", new() { ["n"] = 1 }));
                return new LogState { Log = [answer!.ToJsonString()] };
            })
            .AddEdge(StateGraph.Start, "ask")
            .Compile(_saver);

        var paused = graph.Run(new LogState(), _thread);
        var done = graph.Invoke(Command.Resume(new JsonObject { ["ok"] = true }), _thread);

        Assert.Equal(new ReviewDecision("approve"), paused.Interrupts[0].GetValue<ReviewDecision>()! with { Args = null });
        Assert.Equal(1, (int)paused.Interrupts[0].Value!["args"]!["n"]!);
        Assert.Equal(["{\"ok\":true}"], done.Log);
    }

    [Fact]
    public void Code_without_a_context_parameter_reaches_the_running_node_through_NodeContext_Current()
    {
        static string AskFromAHelper() => NodeContext.Current!.Interrupt<string>("from a helper");
        var graph = new StateGraph<LogState>()
            .AddNode("ask", async _ =>
            {
                await Task.Yield();
                return new LogState { Log = [AskFromAHelper()] };
            })
            .AddEdge(StateGraph.Start, "ask")
            .Compile(_saver);

        var paused = graph.Run(new LogState(), _thread);
        var done = graph.Invoke(Command.Resume("answered"), _thread);

        Assert.Equal("from a helper", (string?)paused.Interrupts[0].Value);
        Assert.Equal(["answered"], done.Log);
        Assert.Null(NodeContext.Current);
    }

    [Fact]
    public async Task Interrupt_is_reported_in_updates_and_values_streams()
    {
        var graph = TwoQuestions([]);

        var chunks = await graph.StreamAsync(new LogState(), _thread, StreamMode.Values | StreamMode.Updates, Chat.Token).ToListAsync(Chat.Token);

        var update = Assert.Single(chunks, c => c.Mode == StreamMode.Updates);
        Assert.Equal("__interrupt__", update.Node);
        Assert.Equal("name?", (string?)Assert.Single(update.Interrupts).Value);
        Assert.Equal(update.Interrupts, chunks[^1].Interrupts);
        Assert.Equal(StreamMode.Values, chunks[^1].Mode);
    }

    [Fact]
    public void Exit_durability_saves_the_interrupt_at_exit_so_the_thread_resumes()
    {
        var graph = TwoQuestions([]);
        var thread = _thread.WithDurability(Durability.Exit);

        graph.Invoke(new LogState(), thread);
        graph.Invoke(Command.Resume("bob"), thread);
        var done = graph.Invoke(Command.Resume(7), thread);

        Assert.Equal(["bob is 7"], done.Log);
        Assert.Equal(2, _saver.List(_thread).Count());
    }
}
