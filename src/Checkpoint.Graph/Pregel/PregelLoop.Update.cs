namespace Checkpoint.Graph.Pregel;

internal sealed partial class PregelLoop
{
    /// <summary>
    /// Applies <paramref name="update"/> as if <paramref name="asNode"/> had written it (including the edges that leave
    /// it) and saves an <c>update</c> checkpoint whose parent is the checkpoint the config addresses.
    /// </summary>
    /// <returns>The config of the new checkpoint.</returns>
    public async ValueTask<RunConfig> UpdateStateAsync(object? update, string? asNode)
    {
        var tuple = await RestoreAsync().ConfigureAwait(false);
        _step = (tuple?.Metadata.Step ?? -1) + 1;
        asNode = ResolveAsNode(asNode);
        var node = graph.FindNode(asNode);
        var runner = node is null ? graph.Input : node.UpdateAs ?? throw new InvalidOperationException($"Node '{asNode}' cannot take state updates.");
        var taskId = TaskIds.ForNode(_checkpoint.Id, scope.Namespace, _step, asNode, []);
        var writes = await runner(new NodeInvocation(_channels, CreateContext(asNode, taskId, TaskIds.NodePath(asNode), []), update)).ConfigureAwait(false);

        // The node counts as having seen its triggers, so an update "as" a pending node replaces its run.
        var tasks = node is null ? [] : new[] { new PregelTask(node, [.. node.Triggers.Where(_checkpoint.ChannelVersions.ContainsKey)], taskId, TaskIds.NodePath(asNode), scope.Namespace) };
        var updated = WriteApplier.Apply(_checkpoint, _channels, tasks, writes, bumpStep: true, NextVersion);
        await PutCheckpointAsync(CheckpointSource.Update, updated).ConfigureAwait(false);
        return _checkpointConfig;
    }

    /// <summary>LangGraph's choice of node for an update without one: the only node, the start on an empty thread, else the node that ran last.</summary>
    private string ResolveAsNode(string? asNode)
    {
        if (asNode is not null)
        {
            return asNode == StateGraph.Start || graph.FindNode(asNode) is not null
                ? asNode
                : throw new ArgumentException($"'{asNode}' is not a node of this graph (nodes: {string.Join(", ", graph.Nodes.Select(n => n.Name))}).", nameof(asNode));
        }

        if (graph.Nodes.Count == 1)
        {
            return graph.Nodes[0].Name;
        }

        var lastSeen = _checkpoint.VersionsSeen
            .Where(p => graph.FindNode(p.Key) is not null && p.Value.Count > 0)
            .Select(p => (Node: p.Key, Version: p.Value.Values.Aggregate((a, b) => ChannelVersion.Compare(a, b) >= 0 ? a : b)))
            .ToList();
        if (lastSeen.Count == 0)
        {
            return StateGraph.Start;
        }

        var latest = lastSeen.Select(s => s.Version).Aggregate((a, b) => ChannelVersion.Compare(a, b) >= 0 ? a : b);
        var nodes = lastSeen.Where(s => ChannelVersion.Compare(s.Version, latest) == 0).Select(s => s.Node).ToList();
        return nodes.Count == 1
            ? nodes[0]
            : throw new InvalidUpdateException($"Ambiguous update: nodes {string.Join(", ", nodes)} ran last. Pass asNode to say which node the update comes from.");
    }
}
