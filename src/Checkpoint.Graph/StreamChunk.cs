namespace Checkpoint.Graph;

/// <summary>One item of <c>Stream</c>: the state after a step (<see cref="StreamMode.Values"/>) or one node's update (<see cref="StreamMode.Updates"/>).</summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <param name="Mode">Which kind of item this is.</param>
/// <param name="Step">The step that produced it.</param>
/// <param name="Node">For an update, the node that wrote it.</param>
/// <param name="State">For values, the whole state.</param>
/// <param name="Update">For an update, the fields the node wrote, by channel name.</param>
public sealed record StreamChunk<TState>(StreamMode Mode, int Step, string? Node, TState? State, IReadOnlyDictionary<string, object?>? Update)
    where TState : class, new();
