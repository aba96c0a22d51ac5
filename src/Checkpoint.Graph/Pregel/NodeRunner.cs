namespace Checkpoint.Graph.Pregel;

/// <summary>Runs one node (or the input mapping) and returns its writes.</summary>
internal delegate ValueTask<IReadOnlyList<ChannelWrite>> NodeRunner(NodeInvocation invocation);
