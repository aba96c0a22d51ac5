namespace Checkpoint.Graph.Tests.Scenarios;

/// <summary>Scenario 6: rerunning a thread after a failed step does not re-execute the parallel node that had succeeded.</summary>
public sealed class ResumeAfterFailureScenarioTests
{
    public sealed class LogState
    {
        [Reducer(typeof(AppendReducer))]
        public List<string> Log { get; set; } = [];
    }

    public sealed class AppendReducer : IReducer<List<string>>
    {
        public List<string> Reduce(List<string> current, List<string> update) => [.. current, .. update];
    }

    /// <summary>START fans out to "first" and "second"; "second" throws on its first attempt.</summary>
    internal sealed class FlakyGraph
    {
        public int FirstRuns;
        public int SecondRuns;

        public CompiledStateGraph<LogState> Compile(BaseCheckpointSaver saver) =>
            new StateGraph<LogState>()
                .AddNode("first", async _ =>
                {
                    Interlocked.Increment(ref FirstRuns);
                    await Task.Yield();
                    return new LogState { Log = ["first"] };
                })
                .AddNode("second", async _ =>
                {
                    await Task.Yield();
                    return Interlocked.Increment(ref SecondRuns) == 1
                        ? throw new InvalidOperationException("second failed on its first attempt")
                        : new LogState { Log = ["second"] };
                })
                .AddEdge(StateGraph.Start, "first")
                .AddEdge(StateGraph.Start, "second")
                .Compile(saver);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Rerunning_the_thread_does_not_rerun_the_node_that_succeeded(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var flaky = new FlakyGraph();
        var graph = flaky.Compile(backend.Saver);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => graph.InvokeAsync(new LogState { Log = ["start"] }, thread, Chat.Token));
        var failed = await graph.GetStateAsync(thread, Chat.Token);
        var resumed = await graph.InvokeAsync(null, thread, Chat.Token);

        Assert.Equal("second failed on its first attempt", failure.Message);
        Assert.Equal(["second"], failed.Next);
        Assert.Equal(["start", "first"], failed.Values.Log);
        Assert.Null(failed.Tasks.Single(t => t.Name == "first").Error);
        Assert.Equal(["first"], Assert.IsType<List<string>>(failed.Tasks.Single(t => t.Name == "first").Result!["log"]));
        Assert.Contains("second failed on its first attempt", failed.Tasks.Single(t => t.Name == "second").Error, StringComparison.Ordinal);
        Assert.Equal(1, flaky.FirstRuns);
        Assert.Equal(2, flaky.SecondRuns);
        Assert.Equal(["start", "first", "second"], resumed.Log);
        Assert.Empty((await graph.GetStateAsync(thread, Chat.Token)).Next);
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task A_restarted_process_resumes_without_rerunning_the_node_that_succeeded(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());
        var beforeCrash = new FlakyGraph();
        await Assert.ThrowsAsync<InvalidOperationException>(() => beforeCrash.Compile(backend.Saver).InvokeAsync(new LogState { Log = ["start"] }, thread, Chat.Token));

        await backend.ReopenAsync();
        var afterRestart = new FlakyGraph { SecondRuns = 1 };
        var resumed = afterRestart.Compile(backend.Saver).Invoke(null, thread);

        Assert.Equal(0, afterRestart.FirstRuns);
        Assert.Equal(2, afterRestart.SecondRuns);
        Assert.Equal(["start", "first", "second"], resumed.Log);
    }
}
