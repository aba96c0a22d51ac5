namespace Checkpoint.Graph.Tests.Support;

/// <summary>A parent whose node <c>child</c> is a subgraph (s1, then s2 that asks a question), then <c>after</c>.</summary>
public sealed class SubgraphQuestion
{
    public int S1Runs;
    public int S2Runs;

    public CompiledStateGraph<LogState> Compile(BaseCheckpointSaver saver)
    {
        var child = new StateGraph<LogState>()
            .AddNode("s1", _ =>
            {
                Interlocked.Increment(ref S1Runs);
                return new LogState { Log = ["s1"] };
            })
            .AddNode("s2", (_, context) =>
            {
                Interlocked.Increment(ref S2Runs);
                return new LogState { Log = [$"s2:{context.Interrupt<string>("s2 asks")}"] };
            })
            .AddEdge(StateGraph.Start, "s1")
            .AddEdge("s1", "s2")
            .Compile();

        // The child's whole log becomes the parent's update, so the parent replaces its log rather than appending it again.
        return new StateGraph<LogState>()
            .AddNode("child", child)
            .AddNode("after", _ => new LogState { Log = ["after"] })
            .AddReducer(s => s.Log, (current, update) => update.Count > 0 && update[0] == "start" ? update : [.. current, .. update])
            .AddEdge(StateGraph.Start, "child")
            .AddEdge("child", "after")
            .Compile(saver);
    }
}
