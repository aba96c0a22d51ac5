namespace Quickstart;

/// <summary>A human's answer to a tool call waiting for approval: the value the graph is resumed with.</summary>
/// <param name="Approved">Whether the call may run.</param>
/// <param name="Reason">Why not, when rejected.</param>
public sealed record Review(bool Approved, string? Reason = null);
