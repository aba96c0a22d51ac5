using Checkpoint.Providers;

namespace Checkpoint.Cli.Inspection;

/// <summary>
/// The nodes a checkpoint would run next, read from the checkpoint alone (the tool has no graph): a node is next when
/// its trigger channel (<c>branch:to:NODE</c>, or <c>__start__</c> for the input) holds a value at a version the node
/// has not seen, which is how LangGraph and Checkpoint.Graph decide it.
/// </summary>
internal static class NextNodes
{
    private const string TriggerPrefix = "branch:to:";
    private const string Start = "__start__";

    /// <summary>Returns the nodes that would run next, in name order.</summary>
    /// <param name="stored">The checkpoint.</param>
    /// <returns>The nodes; empty when the run is finished (or the graph uses other triggers).</returns>
    public static IReadOnlyList<string> Of(RawCheckpoint stored)
    {
        var checkpoint = stored.Checkpoint;
        var next = new List<string>();
        foreach (var (channel, version) in checkpoint.ChannelVersions)
        {
            var node = channel == Start ? Start : channel.StartsWith(TriggerPrefix, StringComparison.Ordinal) ? channel[TriggerPrefix.Length..] : null;
            if (node is null || stored.GetValue(channel) is null)
            {
                continue;
            }

            var seen = checkpoint.VersionsSeen.TryGetValue(node, out var versions) ? versions.GetValueOrDefault(channel) : null;
            if (ChannelVersion.Compare(version, seen) > 0)
            {
                next.Add(node);
            }
        }

        next.Sort(StringComparer.Ordinal);
        return next;
    }
}
