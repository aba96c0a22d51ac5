namespace Checkpoint.Graph.Tests.Runtime;

public sealed class DurabilityTests
{
    private readonly RunConfig _thread = RunConfig.ForThread(Guid.NewGuid().ToString());

    private static StateGraph<LogState> TwoSteps(Func<Task>? inSecond = null) =>
        new StateGraph<LogState>()
            .AddNode("first", _ => new LogState { Log = ["first"] })
            .AddNode("second", async _ =>
            {
                if (inSecond is not null)
                {
                    await inSecond();
                }

                return new LogState { Log = ["second"] };
            })
            .AddEdge(StateGraph.Start, "first")
            .AddEdge("first", "second");

    [Fact]
    public async Task Async_durability_runs_the_next_step_while_the_previous_checkpoint_is_still_being_saved()
    {
        var nextStepRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var saver = new RecordingSaver();
        var graph = TwoSteps(() =>
        {
            nextStepRan.TrySetResult();
            return Task.CompletedTask;
        }).Compile(saver);

        // Every put waits until "second" has started: only a run that does not wait for its saves gets there.
        saver.BeforePutAsync = () => saver.Puts.IsEmpty ? Task.CompletedTask : nextStepRan.Task.WaitAsync(TimeSpan.FromMinutes(1), Chat.Token);
        var result = await graph.InvokeAsync(new LogState { Log = ["in"] }, _thread.WithDurability(Durability.Async), Chat.Token);

        Assert.Equal(["in", "first", "second"], result.Log);
        Assert.Equal(3, saver.Puts.Count);
        Assert.Equal(["in", "first", "second"], (await graph.GetStateAsync(_thread, Chat.Token)).Values.Log);
    }

    [Fact]
    public async Task Sync_durability_has_saved_every_earlier_step_when_a_node_runs()
    {
        var saver = new RecordingSaver();
        var savedBeforeSecond = -1;
        var graph = TwoSteps(() =>
        {
            savedBeforeSecond = saver.Puts.Count;
            return Task.CompletedTask;
        }).Compile(saver);

        await graph.InvokeAsync(new LogState(), _thread.WithDurability(Durability.Sync), Chat.Token);

        Assert.Equal(2, savedBeforeSecond);
        Assert.Contains(saver.Writes, w => w.Channels.Contains("log"));
    }

    [Fact]
    public async Task Exit_durability_saves_one_checkpoint_per_run_even_when_the_run_fails()
    {
        var saver = new RecordingSaver();
        var fail = true;
        var graph = TwoSteps(() => fail ? throw new TimeoutException("second timed out") : Task.CompletedTask).Compile(saver);
        var thread = _thread.WithDurability(Durability.Exit);

        await Assert.ThrowsAsync<TimeoutException>(() => graph.InvokeAsync(new LogState { Log = ["in"] }, thread, Chat.Token));
        var afterFailure = await graph.GetStateAsync(_thread, Chat.Token);
        var checkpointsAfterFailure = saver.List(_thread).Count();
        fail = false;
        var resumed = await graph.InvokeAsync(null, thread, Chat.Token);

        Assert.Equal(1, checkpointsAfterFailure);
        Assert.Equal(["second"], afterFailure.Next);
        Assert.Contains("second timed out", afterFailure.Tasks.Single().Error, StringComparison.Ordinal);
        Assert.Equal(["in", "first", "second"], resumed.Log);
        Assert.Equal(2, saver.Puts.Count);
    }
}
