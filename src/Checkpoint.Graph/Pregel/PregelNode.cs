namespace Checkpoint.Graph.Pregel;

/// <summary>A node of the compiled graph: what triggers it and how it runs.</summary>
internal sealed class PregelNode(string name, IReadOnlyList<string> triggers, NodeRunner run, NodeRunner? updateAs = null, CompiledGraph? subgraph = null)
{
    public string Name { get; } = name;

    /// <summary>Gets the channels whose new versions trigger the node.</summary>
    public IReadOnlyList<string> Triggers { get; } = triggers;

    public NodeRunner Run { get; } = run;

    /// <summary>Gets what the node writes when a state update is applied as if it had run (the update in <see cref="NodeInvocation.Input"/>).</summary>
    public NodeRunner? UpdateAs { get; } = updateAs;

    /// <summary>Gets the graph the node runs, when it is a subgraph.</summary>
    public CompiledGraph? Subgraph { get; } = subgraph;
}
