namespace Checkpoint.Graph;

/// <summary>What <c>Stream</c> reports (LangGraph's <c>stream_mode</c>); combine with <c>|</c> to get several at once.</summary>
[Flags]
public enum StreamMode
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>
    /// The whole state after every step that changed it: after the input, when a paused thread resumes, after each step,
    /// and when the run pauses (with <see cref="StreamChunk{TState}.Interrupts"/>). An entrypoint reports its result.
    /// </summary>
    Values = 1,

    /// <summary>
    /// Each node's update, by node, as nodes finish (an entrypoint's tasks report <c>{task: result}</c>); a pause is
    /// reported as an update of node <c>__interrupt__</c> carrying the interrupts.
    /// </summary>
    Updates = 2,

    /// <summary>
    /// Chat output as it is produced: the chunks of a model called through a client built with
    /// <c>WithGraphStreaming()</c>, token by token, and the chat messages nodes return, each with the node's metadata
    /// (<c>langgraph_node</c>, <c>langgraph_step</c>, ...).
    /// </summary>
    Messages = 4,

    /// <summary>Whatever nodes send through <see cref="NodeContext.StreamWriter"/>.</summary>
    Custom = 8,

    /// <summary>The checkpoint each step starts from, with its next tasks, as a state snapshot (needs a checkpointer).</summary>
    Checkpoints = 16,

    /// <summary>Each task starting, and finishing with its result, error or interrupts.</summary>
    Tasks = 32,

    /// <summary><see cref="Checkpoints"/> and <see cref="Tasks"/> together (LangGraph's <c>debug</c>).</summary>
    Debug = Checkpoints | Tasks,
}
