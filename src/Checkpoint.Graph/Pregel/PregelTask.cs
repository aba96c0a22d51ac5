namespace Checkpoint.Graph.Pregel;

/// <summary>One node scheduled in one superstep.</summary>
internal sealed class PregelTask(PregelNode node, IReadOnlyList<string> triggers, string id)
{
    public PregelNode Node { get; } = node;

    public string Name => Node.Name;

    /// <summary>Gets the channels whose unseen versions triggered the task.</summary>
    public IReadOnlyList<string> Triggers { get; } = triggers;

    public string Id { get; } = id;

    public string Path { get; } = TaskIds.NodePath(node.Name);

    /// <summary>Gets or sets the task's writes; set when it finished (in this run, or before a failure and found in the pending writes).</summary>
    public IReadOnlyList<ChannelWrite>? Writes { get; set; }

    public Exception? Error { get; set; }
}
