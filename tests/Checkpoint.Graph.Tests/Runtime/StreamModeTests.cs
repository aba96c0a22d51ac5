using Microsoft.Extensions.AI;

namespace Checkpoint.Graph.Tests.Runtime;

public sealed class StreamModeTests
{
    private readonly InMemorySaver _saver = new();
    private readonly RunConfig _thread = RunConfig.ForThread(Guid.NewGuid().ToString());

    private CompiledStateGraph<MessagesState> Chatbot(IChatClient chat, bool streaming) =>
        new StateGraph<MessagesState>()
            .AddNode("call_model", async (state, context) =>
            {
                ChatResponse response = streaming
                    ? await chat.GetStreamingResponseAsync(state.Messages, cancellationToken: context.CancellationToken).ToChatResponseAsync(context.CancellationToken)
                    : await chat.GetResponseAsync(state.Messages, cancellationToken: context.CancellationToken);
                return new MessagesState { Messages = [.. response.Messages] };
            })
            .AddEdge(StateGraph.Start, "call_model")
            .Compile(_saver);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Messages_mode_streams_each_token_with_the_nodes_metadata_and_the_message_once(bool streamingCall)
    {
        var graph = Chatbot(new TokenChatClient("Hello", " there", "!").WithGraphStreaming(), streamingCall);

        var chunks = await graph.StreamAsync(Chat.Say("hi"), _thread, StreamMode.Messages, Chat.Token).ToListAsync(Chat.Token);

        Assert.Equal(["Hello", " there", "!"], chunks.Select(c => c.Message.Text));
        Assert.All(chunks, c => Assert.Equal("call_model", c.Metadata["langgraph_node"]));
        Assert.All(chunks, c => Assert.Equal(0, c.Metadata["langgraph_step"]));
        Assert.All(chunks, c => Assert.Equal(_thread.ThreadId, c.Metadata["thread_id"]));
        Assert.Single(chunks.Select(c => c.Message.MessageId).Distinct());
        Assert.Equal("Hello there!", (await graph.GetStateAsync(_thread, Chat.Token)).Values.LastText());
    }

    [Fact]
    public async Task Messages_a_node_returns_without_streaming_them_are_streamed_whole()
    {
        var graph = Chatbot(new TokenChatClient("Hello", " there"), streaming: false);

        var chunk = Assert.Single(await graph.StreamAsync(Chat.Say("hi"), _thread, StreamMode.Messages, Chat.Token).ToListAsync(Chat.Token));

        Assert.Equal("Hello there", chunk.Message.Text);
        Assert.Equal(ChatRole.Assistant, chunk.Message.Role);
        Assert.Equal("call_model", chunk.Node);
    }

    [Fact]
    public async Task StreamAsync_delivers_tokens_while_the_node_is_still_running()
    {
        var sawFirstToken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new TokenChatClient("one", "two") { BeforeSecondToken = () => sawFirstToken.Task.WaitAsync(TimeSpan.FromMinutes(1), Chat.Token) };
        var graph = Chatbot(model.WithGraphStreaming(), streaming: true);

        var texts = new List<string>();
        await foreach (var chunk in graph.StreamAsync(Chat.Say("hi"), _thread, StreamMode.Messages, Chat.Token))
        {
            texts.Add(chunk.Message.Text);
            sawFirstToken.TrySetResult();
        }

        // The model waited for the consumer to see its first token: the stream is live, not replayed after the node.
        Assert.Equal(["one", "two"], texts);
    }

    [Fact]
    public void Custom_mode_streams_what_nodes_write_and_is_silent_otherwise()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("work", (_, context) =>
            {
                context.StreamWriter("25%");
                context.StreamWriter(new { done = true });
                return new LogState { Log = ["work"] };
            })
            .AddEdge(StateGraph.Start, "work")
            .Compile(_saver);

        var custom = graph.Stream(new LogState(), _thread, StreamMode.Custom).ToList();
        var values = graph.Stream(new LogState(), RunConfig.ForThread("other")).ToList();

        Assert.Equal(["25%", "{ done = True }"], custom.Select(c => c.Custom!.ToString()));
        Assert.All(custom, c => Assert.Equal("work", c.Node));
        Assert.All(values, c => Assert.Equal(StreamMode.Values, c.Mode));
    }

    [Fact]
    public void Checkpoints_and_tasks_modes_report_each_step_and_each_task()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("a", _ => new LogState { Log = ["a"] })
            .AddNode("b", _ => new LogState { Log = ["b"] })
            .AddEdge(StateGraph.Start, "a")
            .AddEdge("a", "b")
            .Compile(_saver);

        var chunks = graph.Stream(new LogState { Log = ["in"] }, _thread, StreamMode.Debug).ToList();

        var checkpoints = chunks.Where(c => c.Mode == StreamMode.Checkpoints).Select(c => c.Checkpoint).ToList();
        Assert.Equal([["a"], ["b"]], checkpoints.Select(c => c.Next));
        Assert.Equal([["in"], ["in", "a"]], checkpoints.Select(c => c.Values.Log));
        Assert.All(checkpoints, c => Assert.NotNull(c.Config.CheckpointId));
        var tasks = chunks.Where(c => c.Mode == StreamMode.Tasks).Select(c => c.Task).ToList();
        Assert.Equal(["a:start", "a:result", "b:start", "b:result"], tasks.Select(t => $"{t.Name}:{(t.IsResult ? "result" : "start")}"));
        Assert.Equal(["b"], Assert.IsType<List<string>>(tasks[3].Result!["log"]));
        Assert.Equal(checkpoints[1].Tasks.Single().Id, tasks[3].Id);
    }

    [Fact]
    public void A_failing_task_is_reported_with_its_error_in_tasks_mode()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("bad", StateUpdate<LogState>? (_) => throw new InvalidOperationException("broken"))
            .AddEdge(StateGraph.Start, "bad")
            .Compile(_saver);

        var chunks = new List<StreamChunk<LogState>>();
        Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var chunk in graph.Stream(new LogState(), _thread, StreamMode.Tasks))
            {
                chunks.Add(chunk);
            }
        });

        Assert.Equal("InvalidOperationException: broken", chunks[^1].Task.Error);
    }

    [Fact]
    public void Several_modes_at_once_arrive_in_the_order_they_happen()
    {
        var graph = new StateGraph<LogState>()
            .AddNode("a", (_, context) =>
            {
                context.StreamWriter("working");
                return new LogState { Log = ["a"] };
            })
            .AddEdge(StateGraph.Start, "a")
            .Compile(_saver);

        var chunks = graph.Stream(new LogState { Log = ["in"] }, _thread, StreamMode.Values | StreamMode.Updates | StreamMode.Custom).ToList();

        Assert.Equal(["Values", "Custom:a", "Updates:a", "Values"], chunks.Select(c => c.Node is null ? $"{c.Mode}" : $"{c.Mode}:{c.Node}"));
    }

    [Fact]
    public void Reading_another_modes_property_of_a_chunk_says_which_mode_it_is()
    {
        var graph = new StateGraph<LogState>().AddNode("a", _ => new LogState { Log = ["a"] }).AddEdge(StateGraph.Start, "a").Compile(_saver);

        var chunk = graph.Stream(new LogState(), _thread, StreamMode.Updates).First();

        var error = Assert.Throws<InvalidOperationException>(() => chunk.State);
        Assert.Contains("Updates chunk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entrypoint_streams_its_tasks_and_result_as_updates_and_its_result_as_values()
    {
        var shout = Entrypoint.DefineTask<string, string>("shout", text => text.ToUpperInvariant());
        var workflow = Entrypoint.Create<string, string>(async (text, context) => await shout.InvokeAsync(text, context) + "!", checkpointer: _saver, name: "greet");

        var updates = await workflow.StreamAsync("hi", _thread, cancellationToken: Chat.Token).ToListAsync(Chat.Token);
        var values = workflow.Stream("yo", RunConfig.ForThread("2"), StreamMode.Values).ToList();

        Assert.Equal(["shout=HI", "greet=HI!"], updates.Select(u => $"{u.Node}={u.Update[u.Node!]}"));
        Assert.Equal(["YO!"], values.Select(v => v.State));
    }
}
