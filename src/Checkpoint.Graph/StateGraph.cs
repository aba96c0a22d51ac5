namespace Checkpoint.Graph;

/// <summary>The names of a graph's virtual start and end nodes (LangGraph's <c>START</c> and <c>END</c>).</summary>
public static class StateGraph
{
    /// <summary>The virtual node every run starts from: add edges from it to the first nodes.</summary>
    public const string Start = "__start__";

    /// <summary>The virtual node that ends a run: route to it from conditional edges (plain edges to it are optional).</summary>
    public const string End = "__end__";
}
