namespace Checkpoint;

/// <summary>A thread known to a saver, as returned by <see cref="BaseCheckpointSaver.ListThreads"/>.</summary>
/// <param name="ThreadId">The thread identifier.</param>
/// <param name="LatestCheckpointId">The largest checkpoint id of the thread, over all its namespaces.</param>
public sealed record ThreadInfo(string ThreadId, string LatestCheckpointId);
