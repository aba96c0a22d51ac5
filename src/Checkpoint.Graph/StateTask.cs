namespace Checkpoint.Graph;

/// <summary>A task a checkpoint has pending, as reported by <c>GetState</c>.</summary>
/// <param name="Id">The task id (stable: a resumed run uses it to find the task's saved writes).</param>
/// <param name="Name">The node.</param>
/// <param name="Error">The error its last attempt saved, or <see langword="null"/>.</param>
public sealed record StateTask(string Id, string Name, string? Error);
