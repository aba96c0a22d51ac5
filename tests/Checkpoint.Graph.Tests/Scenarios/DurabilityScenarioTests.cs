using System.Collections.Concurrent;
using static Checkpoint.Graph.Tests.Support.Chat;

namespace Checkpoint.Graph.Tests.Scenarios;

/// <summary>
/// What each durability mode keeps when the process dies in the middle of a run. The crash is simulated by a node that
/// never returns: while it hangs, a second saver (another process) reads the thread; nothing after that point runs.
/// </summary>
public sealed class DurabilityScenarioTests
{
    /// <summary>START → s1 → s2 → s3, each appending its name; s3 hangs on the run that crashes.</summary>
    private sealed class Steps
    {
        private readonly TaskCompletionSource _reachedS3 = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentDictionary<string, int> Runs { get; } = new();

        public bool HangInS3 { get; init; }

        public Task ReachedS3 => _reachedS3.Task;

        public CompiledStateGraph<LogState> Compile(BaseCheckpointSaver saver) =>
            new StateGraph<LogState>()
                .AddNode("s1", _ => Step("s1"))
                .AddNode("s2", _ => Step("s2"))
                .AddNode("s3", async (_, context) =>
                {
                    Runs.AddOrUpdate("s3", 1, (_, n) => n + 1);
                    if (HangInS3)
                    {
                        _reachedS3.TrySetResult();
                        await Task.Delay(Timeout.Infinite, context.CancellationToken);
                    }

                    return new LogState { Log = ["s3"] };
                })
                .AddEdge(StateGraph.Start, "s1")
                .AddEdge("s1", "s2")
                .AddEdge("s2", "s3")
                .Compile(saver);

        private LogState Step(string name)
        {
            Runs.AddOrUpdate(name, 1, (_, n) => n + 1);
            return new LogState { Log = [name] };
        }
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Sync_durability_keeps_every_completed_step_through_a_crash(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());
        var (afterCrash, crashed) = await CrashInS3Async(backend, thread.WithDurability(Durability.Sync));

        var steps = new Steps();
        var state = await steps.Compile(afterCrash).GetStateAsync(thread, Token);
        var resumed = await steps.Compile(afterCrash).InvokeAsync(null, thread, Token);
        await afterCrash.DisposeAsync();

        Assert.Equal(["in", "s1", "s2"], state.Values.Log);
        Assert.Equal(["s3"], state.Next);
        Assert.Equal(1, state.Metadata!.Step);
        Assert.Equal(["in", "s1", "s2", "s3"], resumed.Log);
        Assert.Equal(["s3"], steps.Runs.Keys);
        await crashed;
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Async_durability_resumes_from_the_last_save_that_landed_and_reruns_only_later_steps(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString());
        var (afterCrash, crashed) = await CrashInS3Async(backend, thread.WithDurability(Durability.Async));

        var steps = new Steps();
        var state = await steps.Compile(afterCrash).GetStateAsync(thread, Token);
        var resumed = state.Metadata is null
            ? await steps.Compile(afterCrash).InvokeAsync(new LogState { Log = ["in"] }, thread, Token)
            : await steps.Compile(afterCrash).InvokeAsync(null, thread, Token);
        await afterCrash.DisposeAsync();

        // The saves still in flight at the crash are lost; whatever landed is a consistent checkpoint, and the resumed run
        // re-runs exactly the steps after it.
        var kept = state.Values.Log;
        string[] completed = ["in", "s1", "s2"];
        string[] nodes = ["s1", "s2", "s3"];
        Assert.Equal(completed[..kept.Count], kept);
        Assert.Equal(["in", "s1", "s2", "s3"], resumed.Log);
        Assert.Equal(nodes.Skip(Math.Max(0, kept.Count - 1)), steps.Runs.Keys.Order(StringComparer.Ordinal));
        await crashed;
    }

    [Theory]
    [MemberData(nameof(TestBackend.Names), MemberType = typeof(TestBackend))]
    public async Task Exit_durability_keeps_nothing_of_a_crashed_run_and_one_checkpoint_per_completed_run(string backendName)
    {
        await using var backend = await TestBackend.CreateAsync(backendName);
        var thread = RunConfig.ForThread(Guid.NewGuid().ToString()).WithDurability(Durability.Exit);
        var first = await new Steps().Compile(backend.Saver).InvokeAsync(new LogState { Log = ["first"] }, thread, Token);
        var checkpointsOfOneRun = await backend.Saver.ListAsync(thread, cancellationToken: Token).CountAsync(Token);
        var (afterCrash, crashed) = await CrashInS3Async(backend, thread);

        var state = await new Steps().Compile(afterCrash).GetStateAsync(thread, Token);
        var checkpointsAfterCrash = await afterCrash.ListAsync(thread, cancellationToken: Token).CountAsync(Token);
        await afterCrash.DisposeAsync();

        Assert.Equal(["first", "s1", "s2", "s3"], first.Log);
        Assert.Equal(1, checkpointsOfOneRun);
        Assert.Equal(1, checkpointsAfterCrash);
        Assert.Equal(["first", "s1", "s2", "s3"], state.Values.Log);
        Assert.Empty(state.Next);
        await crashed;
    }

    /// <summary>
    /// Runs the graph until s3 hangs, then opens another saver over the same storage (a new process); the returned task
    /// cancels the hung run and observes its end.
    /// </summary>
    private static async Task<(BaseCheckpointSaver AfterCrash, Task Crashed)> CrashInS3Async(TestBackend backend, RunConfig config)
    {
        var steps = new Steps { HangInS3 = true };
        var stop = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var run = steps.Compile(backend.Saver).InvokeAsync(new LogState { Log = ["in"] }, config, stop.Token);
        await Task.WhenAny(steps.ReachedS3, run);
        Assert.True(steps.ReachedS3.IsCompleted, run.Exception?.ToString());
        var afterCrash = await backend.OpenAnotherSaverAsync();
        return (afterCrash, EndAsync());

        async Task EndAsync()
        {
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            stop.Dispose();
        }
    }
}
