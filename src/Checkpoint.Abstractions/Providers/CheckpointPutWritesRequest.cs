namespace Checkpoint.Providers;

/// <summary>
/// A validated, already serialized <see cref="BaseCheckpointSaver.PutWrites"/> call, as a backend receives it in
/// <c>PutWritesCore</c>: the writes of one task against one checkpoint.
/// </summary>
/// <param name="ThreadId">The thread.</param>
/// <param name="CheckpointNs">The namespace (never <see langword="null"/>).</param>
/// <param name="CheckpointId">The checkpoint the writes belong to.</param>
/// <param name="TaskId">The task that made every write of the request.</param>
/// <param name="TaskPath">The task's path in the graph; empty for writes from the graph input.</param>
/// <param name="Writes">The serialized writes, ordered by index, one per index (never empty).</param>
public sealed record CheckpointPutWritesRequest(
    string ThreadId,
    string CheckpointNs,
    string CheckpointId,
    string TaskId,
    string TaskPath,
    IReadOnlyList<SerializedWrite> Writes);
