namespace Checkpoint.Graph.Tests.Support;

/// <summary>One <c>PutWrites</c> call: a task's writes against a checkpoint.</summary>
public sealed record RecordedWrites(string CheckpointNs, string CheckpointId, string TaskId, IReadOnlyList<string> Channels);
