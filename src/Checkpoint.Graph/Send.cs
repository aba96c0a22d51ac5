namespace Checkpoint.Graph;

/// <summary>
/// Runs <see cref="Node"/> in the next step with its own input (LangGraph's <c>Send</c>): return several from a
/// conditional edge, or put them in <see cref="Command.Sends"/>, to fan out one task per item (map-reduce).
/// </summary>
/// <remarks>
/// The node receives a state built from <see cref="Arg"/> alone (fields it does not set keep their defaults), not the
/// graph's state. Sends are saved like LangGraph's: as <c>__pregel_tasks</c> writes, then in the next checkpoint's
/// <c>__pregel_tasks</c> channel as <c>{"node": ..., "args": {...}}</c>, so a step whose one branch failed is resumed
/// without re-running the branches that finished.
/// </remarks>
/// <param name="Node">The node to run.</param>
/// <param name="Arg">
/// Its input: a partial state of the graph's state type, a <see cref="StateUpdate{TState}"/>, or a dictionary (or
/// <c>JsonObject</c>) keyed by channel name.
/// </param>
public sealed record Send(string Node, object? Arg);
