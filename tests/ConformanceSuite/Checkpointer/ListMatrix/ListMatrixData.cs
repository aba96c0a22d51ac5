namespace Checkpoint.ConformanceSuite;

/// <summary>What <see cref="ListMatrixSeed"/> stored, and a saver to read it.</summary>
/// <param name="Saver">A saver over the seeded database (shared by every case; do not dispose).</param>
/// <param name="ThreadIds">The four seeded threads, in the order of <see cref="ListMatrixThread.First"/> to <see cref="ListMatrixThread.Fourth"/>.</param>
/// <param name="Stored">Every stored tuple, as written.</param>
/// <param name="BeforeParent">The config of a parent checkpoint whose id is in the middle of the seeded range.</param>
/// <param name="BeforeChild">The config of that parent's child.</param>
public sealed record ListMatrixData(
    BaseCheckpointSaver Saver,
    IReadOnlyList<string> ThreadIds,
    IReadOnlyList<CheckpointTuple> Stored,
    RunConfig BeforeParent,
    RunConfig BeforeChild);
