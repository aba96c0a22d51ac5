namespace Checkpoint.Graph.Tests.Runtime;

public sealed class BreakpointTests
{
    private readonly InMemorySaver _saver = new();
    private readonly RunConfig _thread = RunConfig.ForThread(Guid.NewGuid().ToString());
    private readonly List<string> _ran = [];

    private StateGraph<LogState> Builder() =>
        new StateGraph<LogState>()
            .AddNode("a", _ => Ran("a"))
            .AddNode("b", _ => Ran("b"))
            .AddNode("c", _ => Ran("c"))
            .AddEdge(StateGraph.Start, "a")
            .AddEdge("a", "b")
            .AddEdge("b", "c");

    [Fact]
    public void Interrupt_before_compiled_pauses_before_the_node_and_null_input_continues()
    {
        var graph = Builder().Compile(_saver, interruptBefore: ["b"]);

        var paused = graph.Run(new LogState(), _thread);
        var state = graph.GetState(_thread);
        var done = graph.Run(null, _thread);

        Assert.True(paused.IsPaused);
        Assert.Empty(paused.Interrupts);
        Assert.Equal(["b"], paused.Next);
        Assert.Equal(["b"], state.Next);
        Assert.Equal(["a", "b", "c"], _ran);
        Assert.Equal(["a", "b", "c"], done.Value.Log);
        Assert.False(done.IsPaused);
    }

    [Fact]
    public void Interrupt_after_given_per_run_replaces_the_compiled_breakpoints()
    {
        var graph = Builder().Compile(_saver, interruptBefore: ["c"]);

        var paused = graph.Run(new LogState(), _thread.WithInterruptAfter("a"));
        var resumed = graph.Run(null, _thread);

        Assert.Equal(["b"], paused.Next);
        Assert.Equal(["a"], paused.Value.Log);
        Assert.Equal(["c"], resumed.Next);
        Assert.Equal(["a", "b"], _ran);
    }

    [Fact]
    public void Interrupt_before_every_node_with_a_star_pauses_at_each_step()
    {
        var graph = Builder().Compile(_saver, interruptBefore: ["*"]);

        var stops = new List<string>();
        var output = graph.Run(new LogState(), _thread);
        while (output.IsPaused)
        {
            stops.AddRange(output.Next);
            output = graph.Run(null, _thread);
        }

        Assert.Equal(["a", "b", "c"], stops);
        Assert.Equal(["a", "b", "c"], output.Value.Log);
    }

    [Fact]
    public void Breakpoints_naming_unknown_nodes_are_refused_at_compile_and_run()
    {
        var compile = Assert.Throws<InvalidOperationException>(() => Builder().Compile(_saver, interruptBefore: ["nope"]));
        var run = Assert.Throws<ArgumentException>(() => Builder().Compile(_saver).Invoke(new LogState(), _thread.WithInterruptBefore("zzz")));

        Assert.Contains("'nope'", compile.Message, StringComparison.Ordinal);
        Assert.Contains("zzz", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interrupt_before_is_reported_as_an_empty_interrupt_update()
    {
        var graph = Builder().Compile(_saver, interruptBefore: ["b"]);

        var chunks = graph.Stream(new LogState(), _thread, StreamMode.Updates).ToList();

        Assert.Equal(["a", "__interrupt__"], chunks.Select(c => c.Node));
        Assert.Empty(chunks[1].Interrupts);
    }

    private LogState Ran(string node)
    {
        _ran.Add(node);
        return new LogState { Log = [node] };
    }
}
