namespace Checkpoint.Graph.Building;

/// <summary>An edge that waits for every source before running <paramref name="Target"/>.</summary>
internal sealed record JoinSpec(IReadOnlyList<string> Sources, string Target)
{
    public string Channel => Pregel.Reserved.JoinChannel(Sources, Target);
}
