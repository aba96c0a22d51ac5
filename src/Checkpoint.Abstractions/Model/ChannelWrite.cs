namespace Checkpoint;

/// <summary>One write of a task, as passed to <see cref="BaseCheckpointSaver.PutWrites"/>.</summary>
/// <param name="Channel">The channel to write.</param>
/// <param name="Value">The value.</param>
public readonly record struct ChannelWrite(string Channel, object? Value);
