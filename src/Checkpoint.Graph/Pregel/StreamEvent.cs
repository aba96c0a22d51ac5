namespace Checkpoint.Graph.Pregel;

/// <summary>Something a run reports while it goes: the state after a step, or one node's update.</summary>
internal sealed record StreamEvent(StreamMode Mode, int Step, string? Node, IReadOnlyDictionary<string, object?> Values);
