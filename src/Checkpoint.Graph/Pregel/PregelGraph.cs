using Checkpoint.Graph.Channels;

namespace Checkpoint.Graph.Pregel;

/// <summary>
/// A compiled graph in the runtime's own terms: channels, nodes with their triggers, the input mapping, the output and
/// the static breakpoints. <see cref="CompiledStateGraph{TState}"/> and <see cref="Entrypoint{TInput, TOutput}"/> both
/// compile to one.
/// </summary>
internal sealed class PregelGraph(
    IReadOnlyDictionary<string, Func<Channel>> channels,
    IReadOnlyList<PregelNode> nodes,
    NodeRunner input,
    IReadOnlyList<string> stateChannels,
    Func<Command, List<ChannelWrite>>? mapCommand = null,
    IReadOnlyList<string>? interruptBefore = null,
    IReadOnlyList<string>? interruptAfter = null)
{
    /// <summary>Gets a factory of a fresh, empty instance of each channel.</summary>
    public IReadOnlyDictionary<string, Func<Channel>> Channels { get; } = channels;

    public IReadOnlyList<PregelNode> Nodes { get; } = nodes;

    /// <summary>Gets the mapping from a run's input to the writes of the input checkpoint.</summary>
    public NodeRunner Input { get; } = input;

    /// <summary>Gets the channels that make up the visible state (streamed, returned, compared for subgraphs).</summary>
    public IReadOnlyList<string> StateChannels { get; } = stateChannels;

    /// <summary>Gets the nodes compiled as static breakpoints before them.</summary>
    public IReadOnlyList<string> InterruptBefore { get; } = interruptBefore ?? [];

    /// <summary>Gets the nodes compiled as static breakpoints after them.</summary>
    public IReadOnlyList<string> InterruptAfter { get; } = interruptAfter ?? [];

    public PregelNode? FindNode(string name) => Nodes.FirstOrDefault(n => n.Name == name);

    /// <summary>Maps a command's update and goto to writes (LangGraph's <c>map_command</c>).</summary>
    /// <exception cref="ArgumentException">The graph takes no updates or gotos (an entrypoint), or the command names an unknown node.</exception>
    public List<ChannelWrite> MapCommand(Command command)
    {
        if (command.Update is null && command.Goto.Count == 0 && command.Sends.Count == 0)
        {
            return [];
        }

        return mapCommand?.Invoke(command) ?? throw new ArgumentException(
            "This graph takes no state update or goto in a command (an entrypoint's input is its function's argument); a command can only resume it.", nameof(command));
    }

    /// <summary>Finds the subgraph that a namespace without task ids (<c>a|b</c>) names, or <see langword="null"/>.</summary>
    public CompiledGraph? FindSubgraph(string recastNamespace)
    {
        CompiledGraph? found = null;
        var graph = this;
        foreach (var part in recastNamespace.Split(Reserved.NamespaceSeparator))
        {
            if (graph?.FindNode(part)?.Subgraph is not { } subgraph)
            {
                return null;
            }

            found = subgraph;
            graph = subgraph.Pregel;
        }

        return found;
    }

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

    /// <summary>
    /// The tasks of the step a checkpoint starts (LangGraph's <c>prepare_next_tasks</c>): one per node triggered by
    /// channel versions it has not seen, then one per send in <c>__pregel_tasks</c>, with deterministic ids.
    /// </summary>
    public List<PregelTask> PrepareTasks(GraphCheckpoint checkpoint, IReadOnlyDictionary<string, Channel> channels, string ns, int step)
    {
        var tasks = FindTriggered(checkpoint, channels)
            .Select(t => new PregelTask(t.Node, t.Triggers, TaskIds.ForNode(checkpoint.Id, ns, step, t.Node.Name, t.Triggers), TaskIds.NodePath(t.Node.Name), ns))
            .ToList();
        if (channels.TryGetValue(SpecialChannels.Tasks, out var topic) && topic.IsAvailable && topic.Get() is IEnumerable<object?> packets)
        {
            var index = 0;
            foreach (var packet in packets)
            {
                if (Packets.TryReadSend(packet, out var name, out var args) && FindNode(name) is { } node)
                {
                    tasks.Add(new PregelTask(node, [], TaskIds.ForSend(checkpoint.Id, ns, step, name, index), TaskIds.SendPath(index), ns, args));
                }

                index++;
            }
        }

        return tasks;
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
                    && ChannelVersion.Compare(version, seen?.GetValueOrDefault(ch)) > 0)
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
