using System.Text.Json.Nodes;

namespace Checkpoint.Graph.Pregel;

/// <summary>One node scheduled in one superstep: triggered by channels (pull), or by a send with its own input (push).</summary>
internal sealed class PregelTask(PregelNode node, IReadOnlyList<string> triggers, string id, string path, string graphNamespace, JsonObject? sendArg = null)
{
    public PregelNode Node { get; } = node;

    public string Name => Node.Name;

    /// <summary>Gets the channels whose unseen versions triggered the task; empty for a send.</summary>
    public IReadOnlyList<string> Triggers { get; } = triggers;

    public string Id { get; } = id;

    public string Path { get; } = path;

    /// <summary>Gets the task's namespace (<c>graph ns|node:id</c>): where its subgraph checkpoints and the ids of its interrupts come from.</summary>
    public string Namespace { get; } = TaskIds.TaskNamespace(graphNamespace, node.Name, id);

    /// <summary>Gets a send's input, by channel; <see langword="null"/> for a task triggered by channels.</summary>
    public JsonObject? SendArg { get; } = sendArg;

    /// <summary>Gets or sets the task's writes; set when it finished (in this run, or before a failure and found in the pending writes).</summary>
    public IReadOnlyList<ChannelWrite>? Writes { get; set; }

    public Exception? Error { get; set; }

    /// <summary>Gets or sets the interrupts that paused the task (empty for a breakpoint inside its subgraph).</summary>
    public IReadOnlyList<Interrupt>? Interrupts { get; set; }

    /// <summary>Gets or sets a command the task's subgraph sent to this graph's parent.</summary>
    public ParentCommandException? ParentCommand { get; set; }
}
