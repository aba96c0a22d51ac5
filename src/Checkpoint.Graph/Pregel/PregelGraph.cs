using Checkpoint.Graph.Channels;

namespace Checkpoint.Graph.Pregel;

/// <summary>
/// A compiled graph in the runtime's own terms: channels, nodes with their triggers, the input mapping and the output.
/// <see cref="CompiledStateGraph{TState}"/> and <see cref="Entrypoint{TInput, TOutput}"/> both compile to one.
/// </summary>
internal sealed class PregelGraph(
    IReadOnlyDictionary<string, Func<Channel>> channels,
    IReadOnlyList<PregelNode> nodes,
    NodeRunner input,
    IReadOnlyList<string> stateChannels)
{
    /// <summary>Gets a factory of a fresh, empty instance of each channel.</summary>
    public IReadOnlyDictionary<string, Func<Channel>> Channels { get; } = channels;

    public IReadOnlyList<PregelNode> Nodes { get; } = nodes;

    /// <summary>Gets the mapping from a run's input to the writes of the input checkpoint.</summary>
    public NodeRunner Input { get; } = input;

    /// <summary>Gets the channels that make up the visible state (streamed, returned, compared for subgraphs).</summary>
    public IReadOnlyList<string> StateChannels { get; } = stateChannels;

    public PregelNode? FindNode(string name) => Nodes.FirstOrDefault(n => n.Name == name);

    /// <summary>Creates empty channels and fills them from a checkpoint's values.</summary>
    public Dictionary<string, Channel> RestoreChannels(GraphCheckpoint? checkpoint)
    {
        var result = new Dictionary<string, Channel>(StringComparer.Ordinal);
        foreach (var (name, create) in Channels)
        {
            var channel = create();
            if (checkpoint is not null && checkpoint.ChannelValues.TryGetValue(name, out var value))
            {
                channel.Restore(value);
            }

            result[name] = channel;
        }

        return result;
    }

    /// <summary>The nodes a checkpoint would run next, each with the trigger channels that have versions it has not seen.</summary>
    public List<(PregelNode Node, List<string> Triggers)> FindTriggered(GraphCheckpoint checkpoint, IReadOnlyDictionary<string, Channel> channels)
    {
        var result = new List<(PregelNode, List<string>)>();
        foreach (var node in Nodes)
        {
            checkpoint.VersionsSeen.TryGetValue(node.Name, out var seen);
            var triggers = node.Triggers
                .Where(ch => channels.TryGetValue(ch, out var channel) && channel.IsAvailable
                    && checkpoint.ChannelVersions.TryGetValue(ch, out var version)
                    && Versions.Compare(version, seen?.GetValueOrDefault(ch)) > 0)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (triggers.Count > 0)
            {
                result.Add((node, triggers));
            }
        }

        return result;
    }

    /// <summary>The values of the state channels that hold one.</summary>
    public Dictionary<string, object?> ReadState(IReadOnlyDictionary<string, Channel> channels)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in StateChannels)
        {
            if (channels.TryGetValue(name, out var channel) && channel.IsAvailable)
            {
                values[name] = channel.Get();
            }
        }

        return values;
    }
}
