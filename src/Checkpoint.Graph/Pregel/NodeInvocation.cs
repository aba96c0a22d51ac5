using System.Text.Json.Nodes;
using Checkpoint.Graph.Channels;

namespace Checkpoint.Graph.Pregel;

/// <summary>Everything one node run may read: the step's channels (read-only), its context, a send's input and, for the input mapping, the input.</summary>
internal sealed class NodeInvocation(IReadOnlyDictionary<string, Channel> channels, NodeContext context, object? input = null, JsonObject? sendArg = null)
{
    /// <summary>Gets the channels as they were at the start of the step; nodes must not change them.</summary>
    public IReadOnlyDictionary<string, Channel> Channels { get; } = channels;

    public NodeContext Context { get; } = context;

    public object? Input { get; } = input;

    /// <summary>Gets a send's input by channel: the node's state instead of the graph's.</summary>
    public JsonObject? SendArg { get; } = sendArg;

    public RunScope Scope => Context.Scope;

    public bool IsAsync => Scope.IsAsync;
}
