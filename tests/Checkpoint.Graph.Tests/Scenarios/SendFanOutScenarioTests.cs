using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using static Checkpoint.Graph.Tests.Support.Chat;

namespace Checkpoint.Graph.Tests.Scenarios;

/// <summary>Map-reduce with Send: one branch fails, and the resumed run re-runs only that branch. On every backend.</summary>
public sealed class SendFanOutScenarioTests
{
    private sealed class Jokes
    {
        public ConcurrentDictionary<string, int> Runs { get; } = new();

        public CompiledStateGraph<LogState> Compile(BaseCheckpointSaver saver) =>
            new StateGraph<LogState>()
                .AddNode("write_joke", async state =>
                {
                    await Task.Yield();
                    var attempt = Runs.AddOrUpdate(state.Item!, 1, (_, n) => n + 1);
                    return state.Item == "cats" && attempt == 1
                        ? throw new TimeoutException("the model timed out on cats")
                        : new LogState { Log = [$"joke about {state.Item}"] };
                })
                .AddConditionalEdges(StateGraph.Start, s => s.Log.Select(subject => new Send("write_joke", new LogState { Item = subject })))
                .Compile(saver);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task A_send_fan_out_whose_one_branch_failed_resumes_only_that_branch_after_a_restart(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());
        var jokes = new Jokes();
        await Assert.ThrowsAsync<TimeoutException>(() => jokes.Compile(backend.Saver).InvokeAsync(new LogState { Log = ["dogs", "cats", "owls"] }, thread, Token));

        await backend.ReopenAsync();
        var graph = jokes.Compile(backend.Saver);
        var failed = await graph.GetStateAsync(thread, Token);
        var head = await backend.Saver.GetTupleAsync(thread, Token);
        var resumed = await graph.InvokeAsync(null, thread, Token);

        Assert.Equal(["write_joke"], failed.Next);
        Assert.Equal(3, failed.Tasks.Count);
        Assert.Contains("timed out on cats", Assert.Single(failed.Tasks, t => t.Error is not null).Error, StringComparison.Ordinal);
        Assert.Equal(2, failed.Tasks.Count(t => t.Result is not null));

        // Stored as LangGraph stores pending sends: the __pregel_tasks channel of the checkpoint, as {node, args}.
        var sends = Assert.IsAssignableFrom<System.Collections.IEnumerable>(head!.Checkpoint.ChannelValues[SpecialChannels.Tasks]).Cast<object?>()
            .Select(s => Assert.IsType<JsonObject>(System.Text.Json.JsonSerializer.SerializeToNode(s))).ToList();
        Assert.Equal(["write_joke", "write_joke", "write_joke"], sends.Select(s => (string?)s["node"]));
        Assert.Equal(["dogs", "cats", "owls"], sends.Select(s => (string?)s["args"]!["item"]));

        Assert.Equal(1, jokes.Runs["dogs"]);
        Assert.Equal(2, jokes.Runs["cats"]);
        Assert.Equal(1, jokes.Runs["owls"]);
        Assert.Equal(["dogs", "cats", "owls", "joke about dogs", "joke about cats", "joke about owls"], resumed.Log);
    }
}
