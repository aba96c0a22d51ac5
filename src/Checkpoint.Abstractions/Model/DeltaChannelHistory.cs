namespace Checkpoint;

/// <summary>
/// What <see cref="BaseCheckpointSaver.GetDeltaChannelHistory"/> returns for one channel: the writes since the
/// nearest stored value, oldest first, and that value (the seed) when one was found.
/// </summary>
/// <param name="Writes">The channel's writes at the visited ancestors, oldest first.</param>
/// <param name="HasSeed">Whether an ancestor with a stored value for the channel was found.</param>
/// <param name="Seed">That stored value (a <see cref="DeltaSnapshot"/> or a plain value); <see langword="null"/> when <paramref name="HasSeed"/> is <see langword="false"/>.</param>
public sealed record DeltaChannelHistory(IReadOnlyList<PendingWrite> Writes, bool HasSeed, object? Seed);
