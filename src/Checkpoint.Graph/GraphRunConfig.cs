using Checkpoint.Graph.Pregel;

namespace Checkpoint.Graph;

/// <summary>
/// Per-run settings of a graph, carried by the <see cref="RunConfig"/> (LangGraph passes them to <c>invoke</c>/<c>stream</c>):
/// <c>RunConfig.ForThread("1").WithDurability(Durability.Sync).WithInterruptBefore("tools")</c>.
/// </summary>
public static class GraphRunConfig
{
    /// <summary>Returns a copy that runs with <paramref name="durability"/> (LangGraph's <c>durability=</c>); subgraphs inherit it.</summary>
    /// <param name="config">The config.</param>
    /// <param name="durability">When checkpoints are saved.</param>
    /// <returns>A new config.</returns>
    public static RunConfig WithDurability(this RunConfig config, Durability durability)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (!Enum.IsDefined(durability))
        {
            throw new ArgumentOutOfRangeException(nameof(durability), durability, "Choose Durability.Async, Sync or Exit.");
        }

        return config.With(Reserved.DurabilityKey, durability);
    }

    /// <summary>
    /// Returns a copy whose run pauses before these nodes run (LangGraph's <c>interrupt_before=</c>), replacing the
    /// graph's compiled breakpoints for this run; <c>"*"</c> is every node. Continue with <c>Invoke(null, config)</c>.
    /// </summary>
    /// <param name="config">The config.</param>
    /// <param name="nodes">The nodes of the graph being run (not of its subgraphs).</param>
    /// <returns>A new config.</returns>
    public static RunConfig WithInterruptBefore(this RunConfig config, params string[] nodes) => WithNodes(config, Reserved.InterruptBeforeKey, nodes);

    /// <summary>Returns a copy whose run pauses after these nodes ran (LangGraph's <c>interrupt_after=</c>); see <see cref="WithInterruptBefore"/>.</summary>
    /// <param name="config">The config.</param>
    /// <param name="nodes">The nodes of the graph being run.</param>
    /// <returns>A new config.</returns>
    public static RunConfig WithInterruptAfter(this RunConfig config, params string[] nodes) => WithNodes(config, Reserved.InterruptAfterKey, nodes);

    private static RunConfig WithNodes(RunConfig config, string key, string[] nodes)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("A breakpoint names a node: it cannot be null or empty.", nameof(nodes));
        }

        return config.With(key, (IReadOnlyList<string>)[.. nodes]);
    }
}
