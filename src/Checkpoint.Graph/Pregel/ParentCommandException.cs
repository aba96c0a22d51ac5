namespace Checkpoint.Graph.Pregel;

/// <summary>A subgraph node returned a <see cref="Command"/> for the parent graph: it ends the subgraph run and is applied by the parent's node.</summary>
internal sealed class ParentCommandException(Command command)
    : Exception("A subgraph node sent a command to its parent graph.")
{
    public Command Command { get; } = command;
}
