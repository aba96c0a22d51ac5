namespace Checkpoint;

/// <summary>The chunks of the value a saver last stored or read for one channel of one thread and namespace: a hint, never trusted without a check.</summary>
/// <param name="Versions">The chunk versions, in order.</param>
/// <param name="Items">The item count of each chunk, or -1 where it was not known (a chunk a read did not parse); so the
/// place of each chunk in the list is known even when a chunk is no longer cached.</param>
/// <param name="Written">Whether the value was stored in those chunks (rather than whole, being too small).</param>
internal sealed record ChunkTrail(string[] Versions, int[] Items, bool Written);
