using Checkpoint.Interop.Tests.Data;
using Checkpoint.Interop.Tests.Harness;
using Microsoft.Extensions.AI;

namespace Checkpoint.Interop.Tests;

/// <summary>
/// One conversation continued by both runtimes on a shared PostgreSQL schema: a real LangGraph.js StateGraph
/// (node/graphs.mjs) and our Checkpoint.Graph mirror of it (<see cref="EchoGraph"/>) take turns on the same thread.
/// </summary>
public sealed class GraphContinuationTests(NodeHarnessFixture fixture) : InteropTest(fixture)
{
    [Fact]
    public async Task Our_graph_continues_a_thread_LangGraph_js_started_and_LangGraph_js_continues_after_us()
    {
        var target = NewPostgresSchema();
        var thread = NewThreadId();
        await CallAsync("graph.invoke", new { target = target.Js, threadId = thread, input = EchoGraph.JsSay("hello", "u-1") });

        var saver = CreatePostgresSaver(target, CheckpointWireFormat.LangGraphJs);
        await saver.SetupAsync(CancellationToken);
        var graph = EchoGraph.Compile(saver);
        var state = await graph.InvokeAsync(EchoGraph.Say("again", "u-2"), RunConfig.ForThread(thread), CancellationToken);

        Assert.Equal(["hello", "echo: hello", "again", "echo: again"], state.Messages.Select(m => m.Text));
        Assert.Equal(2, state.Turns);

        var js = await CallAsync("graph.invoke", new { target = target.Js, threadId = thread, input = EchoGraph.JsSay("third", "u-3") });
        Assert.Equal(["hello", "echo: hello", "again", "echo: again", "third", "echo: third"], EchoGraph.Texts(js!["messages"]));
        Assert.Equal(3, js["turns"]!.GetValue<long>());

        var final = await graph.GetStateAsync(RunConfig.ForThread(thread), CancellationToken);
        Assert.Equal(6, final.Values.Messages.Count);
        Assert.Equal(3, final.Values.Turns);
    }

    [Fact]
    public async Task LangGraph_js_continues_a_thread_our_graph_started_and_we_continue_after_it()
    {
        var target = NewPostgresSchema();
        var thread = NewThreadId();
        var saver = CreatePostgresSaver(target, CheckpointWireFormat.LangGraphJs);
        await saver.SetupAsync(CancellationToken);
        var graph = EchoGraph.Compile(saver);
        await graph.InvokeAsync(EchoGraph.Say("hello", "u-1"), RunConfig.ForThread(thread), CancellationToken);
        await using (var versions = target.DataSource.CreateCommand(
            $"SELECT count(*) FILTER (WHERE jsonb_typeof(v.value) <> 'number'), count(*) FROM \"{target.Schema}\".checkpoints c, jsonb_each(c.checkpoint -> 'channel_versions') v WHERE c.thread_id = $1"))
        {
            versions.Parameters.AddWithValue(thread);
            await using var reader = await versions.ExecuteReaderAsync(CancellationToken);
            await reader.ReadAsync(CancellationToken);
            Assert.Equal(0, reader.GetInt64(0));
            Assert.True(reader.GetInt64(1) > 0);
        }

        var js = await CallAsync("graph.invoke", new { target = target.Js, threadId = thread, input = EchoGraph.JsSay("again", "u-2") });
        Assert.Equal(["hello", "echo: hello", "again", "echo: again"], EchoGraph.Texts(js!["messages"]));
        Assert.Equal(2, js["turns"]!.GetValue<long>());

        var state = await graph.InvokeAsync(EchoGraph.Say("third", "u-3"), RunConfig.ForThread(thread), CancellationToken);
        Assert.Equal(["hello", "echo: hello", "again", "echo: again", "third", "echo: third"], state.Messages.Select(m => m.Text));
        Assert.Equal(3, state.Turns);
        Assert.Equal(ChatRole.Assistant, state.Messages[3].Role);

        var seen = await CallAsync("graph.state", new { target = target.Js, threadId = thread });
        Assert.Equal(state.Messages.Select(m => m.Text), EchoGraph.Texts(seen!["values"]!["messages"]));
        Assert.Equal(3, seen["values"]!["turns"]!.GetValue<long>());
    }
}
