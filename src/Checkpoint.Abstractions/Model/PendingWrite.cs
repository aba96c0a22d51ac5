namespace Checkpoint;

/// <summary>A write saved by a task against a checkpoint, not yet applied to the channels (LangGraph's <c>PendingWrite</c>).</summary>
/// <param name="TaskId">The task that produced the write.</param>
/// <param name="Channel">The channel written to.</param>
/// <param name="Value">The value written.</param>
/// <param name="TaskPath">The task's path in the graph; empty for writes that come from the graph input.</param>
public sealed record PendingWrite(string TaskId, string Channel, object? Value, string TaskPath = "");
