namespace Checkpoint.Graph.Tests.Runtime;

public sealed class ParallelismTests
{
    [Fact]
    public async Task Nodes_of_one_step_run_concurrently_on_the_async_path()
    {
        // Each node waits for the other to start: only concurrent execution lets both finish.
        var aStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadline = TimeSpan.FromSeconds(30); // only so a regression fails instead of hanging
        var graph = new StateGraph<TestState>()
            .AddNode("a", async _ =>
            {
                aStarted.SetResult();
                await bStarted.Task.WaitAsync(deadline, Chat.Token);
                return new TestState { Log = ["a"] };
            })
            .AddNode("b", async _ =>
            {
                bStarted.SetResult();
                await aStarted.Task.WaitAsync(deadline, Chat.Token);
                return new TestState { Log = ["b"] };
            })
            .AddEdge(StateGraph.Start, "a")
            .AddEdge(StateGraph.Start, "b")
            .Compile();

        var result = await graph.InvokeAsync(new TestState(), cancellationToken: Chat.Token);

        Assert.Equal(["a", "b"], result.Log);
    }

    [Fact]
    public async Task A_cancelled_run_stops_before_checkpointing_the_step_and_resumes_from_the_last_checkpoint()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Chat.Token);
        var saver = new InMemorySaver();
        var graph = new StateGraph<TestState>()
            .AddNode("first", _ =>
            {
                cancel.Cancel();
                return new TestState { Log = ["first"] };
            })
            .AddNode("second", _ => new TestState { Log = ["second"] })
            .AddEdge(StateGraph.Start, "first")
            .AddEdge("first", "second")
            .Compile(saver);
        var thread = RunConfig.ForThread("1");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => graph.InvokeAsync(new TestState(), thread, cancel.Token));

        Assert.Equal("input", saver.GetTuple(thread)!.Metadata.Source);
        Assert.Equal(["first"], graph.GetState(thread).Next);
        Assert.Equal(["first", "second"], graph.Invoke(null, thread).Log);
    }
}
