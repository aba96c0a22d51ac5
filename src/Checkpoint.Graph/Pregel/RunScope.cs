using System.Collections.Immutable;

namespace Checkpoint.Graph.Pregel;

/// <summary>What one run of one graph (root or subgraph) works against.</summary>
internal sealed class RunScope
{
    public required BaseCheckpointSaver? Saver { get; init; }

    public required BaseStore? Store { get; init; }

    /// <summary>Gets the run config: the caller's keys with this graph's namespace (and, for time travel, the checkpoint id).</summary>
    public required RunConfig Config { get; init; }

    public string Namespace => Config.ResolvedCheckpointNs;

    /// <summary>Gets the checkpoint of every enclosing graph, by namespace (becomes the metadata's <c>parents</c>).</summary>
    public ImmutableDictionary<string, string> Parents { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public required string RunId { get; init; }

    public required bool IsAsync { get; init; }

    public int RecursionLimit { get; init; } = 25;

    public CancellationToken CancellationToken { get; init; }

    public required RunContext Run { get; init; }

    /// <summary>Gets whether this graph was invoked directly (not as a subgraph).</summary>
    public bool IsRoot { get; init; }

    public Durability Durability { get; init; }

    /// <summary>Gets whether the graph keeps its own history under its node name (<c>checkpointer: true</c>): saved at exit even in <see cref="Durability.Exit"/>.</summary>
    public bool KeepsOwnHistory { get; init; }

    /// <summary>Gets the nodes to pause before (static breakpoints); <c>*</c> is every node.</summary>
    public IReadOnlyList<string> InterruptBefore { get; init; } = [];

    /// <summary>Gets the nodes to pause after.</summary>
    public IReadOnlyList<string> InterruptAfter { get; init; } = [];
}
