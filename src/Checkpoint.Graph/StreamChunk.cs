using Checkpoint.Graph.Pregel;
using Microsoft.Extensions.AI;

namespace Checkpoint.Graph;

/// <summary>
/// One item of <c>Stream</c>. <see cref="Mode"/> says which kind it is, and only that kind's property is set: reading
/// another one throws, so <c>chunk.State</c> needs no null check in <see cref="StreamMode.Values"/> mode.
/// </summary>
/// <typeparam name="TState">The state type (an entrypoint's result type).</typeparam>
public sealed class StreamChunk<TState>
{
    private readonly StreamEvent _event;
    private readonly TState? _state;
    private readonly IReadOnlyDictionary<string, object?>? _update;
    private readonly StateSnapshot<TState>? _checkpoint;

    internal StreamChunk(StreamEvent item)
    {
        _event = item;
        _update = item.Values;
    }

    /// <summary>Gets which kind of chunk this is.</summary>
    public StreamMode Mode => _event.Mode;

    /// <summary>Gets the step that produced it.</summary>
    public int Step => _event.Step;

    /// <summary>Gets the node the chunk comes from (updates, messages, custom output, tasks); <c>__interrupt__</c> for a pause.</summary>
    public string? Node => _event.Node;

    /// <summary>Gets the whole state (<see cref="StreamMode.Values"/>); an entrypoint's result.</summary>
    /// <exception cref="InvalidOperationException">This is not a values chunk.</exception>
    public TState State
    {
        get => Mode == StreamMode.Values ? _state! : throw NotThis(StreamMode.Values, nameof(State));
        internal init => _state = value;
    }

    /// <summary>Gets the fields the node wrote, by channel name (<see cref="StreamMode.Updates"/>); for an entrypoint or task, <c>{name: result}</c>.</summary>
    /// <exception cref="InvalidOperationException">This is not an updates chunk.</exception>
    public IReadOnlyDictionary<string, object?> Update
    {
        get => Mode == StreamMode.Updates ? _update! : throw NotThis(StreamMode.Updates, nameof(Update));
        internal init => _update = value;
    }

    /// <summary>Gets the interrupts that paused the run, on the values and updates chunks that report a pause; empty otherwise.</summary>
    public IReadOnlyList<Interrupt> Interrupts => _event.Interrupts;

    /// <summary>Gets a chunk of chat output (<see cref="StreamMode.Messages"/>): a token chunk, or a whole message a node returned.</summary>
    /// <exception cref="InvalidOperationException">This is not a messages chunk.</exception>
    public ChatResponseUpdate Message => Mode == StreamMode.Messages ? _event.Message! : throw NotThis(StreamMode.Messages, nameof(Message));

    /// <summary>
    /// Gets the metadata of the node that produced a messages or custom chunk, as LangGraph names it: <c>langgraph_node</c>,
    /// <c>langgraph_step</c>, <c>langgraph_triggers</c>, <c>langgraph_path</c>, <c>langgraph_checkpoint_ns</c>,
    /// <c>thread_id</c>, <c>checkpoint_ns</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is not a messages or custom chunk.</exception>
    public IReadOnlyDictionary<string, object?> Metadata => Mode is StreamMode.Messages or StreamMode.Custom ? _event.Metadata! : throw NotThis(StreamMode.Messages, nameof(Metadata));

    /// <summary>Gets what a node sent through <see cref="NodeContext.StreamWriter"/> (<see cref="StreamMode.Custom"/>).</summary>
    /// <exception cref="InvalidOperationException">This is not a custom chunk.</exception>
    public object? Custom => Mode == StreamMode.Custom ? _event.Custom : throw NotThis(StreamMode.Custom, nameof(Custom));

    /// <summary>Gets the checkpoint a step starts from, with its tasks (<see cref="StreamMode.Checkpoints"/>).</summary>
    /// <exception cref="InvalidOperationException">This is not a checkpoints chunk.</exception>
    public StateSnapshot<TState> Checkpoint
    {
        get => Mode == StreamMode.Checkpoints ? _checkpoint! : throw NotThis(StreamMode.Checkpoints, nameof(Checkpoint));
        internal init => _checkpoint = value;
    }

    /// <summary>Gets a task starting or finishing (<see cref="StreamMode.Tasks"/>).</summary>
    /// <exception cref="InvalidOperationException">This is not a tasks chunk.</exception>
    public TaskEvent Task => Mode == StreamMode.Tasks ? _event.Task! : throw NotThis(StreamMode.Tasks, nameof(Task));

    /// <inheritdoc />
    public override string ToString() => $"{Mode} (step {Step}{(Node is null ? string.Empty : ", " + Node)})";

    private InvalidOperationException NotThis(StreamMode mode, string property) =>
        new($"This is a {Mode} chunk; {property} is only set on {mode} chunks. Check Mode first.");
}
