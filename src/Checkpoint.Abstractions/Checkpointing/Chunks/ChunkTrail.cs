namespace Checkpoint;

/// <summary>The chunk versions of the value a saver last stored for one channel of one thread and namespace: a hint, never trusted without a check.</summary>
/// <param name="Versions">The chunk versions, in order.</param>
/// <param name="Written">Whether the value was stored in those chunks (rather than whole, being too small).</param>
internal sealed record ChunkTrail(string[] Versions, bool Written);
