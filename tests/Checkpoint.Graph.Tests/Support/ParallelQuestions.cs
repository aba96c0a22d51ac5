namespace Checkpoint.Graph.Tests.Support;

/// <summary>Two nodes of one step that each ask a question.</summary>
public sealed class ParallelQuestions
{
    public int ARuns;
    public int BRuns;

    public CompiledStateGraph<LogState> Compile(BaseCheckpointSaver saver) =>
        new StateGraph<LogState>()
            .AddNode("a", (_, context) =>
            {
                Interlocked.Increment(ref ARuns);
                return new LogState { Log = [$"a:{context.Interrupt<string>("question a")}"] };
            })
            .AddNode("b", (_, context) =>
            {
                Interlocked.Increment(ref BRuns);
                return new LogState { Log = [$"b:{context.Interrupt<string>("question b")}"] };
            })
            .AddEdge(StateGraph.Start, "a")
            .AddEdge(StateGraph.Start, "b")
            .Compile(saver);
}
