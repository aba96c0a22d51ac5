using Checkpoint.Graph.Channels;

namespace Checkpoint.Graph.Pregel;

/// <summary>Everything one node run may read: the step's channels (read-only), its context and, for the input mapping, the input.</summary>
internal sealed class NodeInvocation(IReadOnlyDictionary<string, Channel> channels, NodeContext context, object? input = null)
{
    /// <summary>Gets the channels as they were at the start of the step; nodes must not change them.</summary>
    public IReadOnlyDictionary<string, Channel> Channels { get; } = channels;

    public NodeContext Context { get; } = context;

    public object? Input { get; } = input;

    public RunScope Scope => Context.Scope;

    public bool IsAsync => Scope.IsAsync;
}
