namespace Checkpoint;

/// <summary>What <see cref="BaseCheckpointSaver.Prune"/> removes from the threads it is given.</summary>
/// <remarks>
/// Every strategy also removes the pending writes of the checkpoints it deletes and the channel values that no
/// remaining checkpoint refers to any more.
/// </remarks>
public sealed class PruneStrategy
{
    private PruneStrategy(PruneStrategyKind kind, int keepCount, DateTimeOffset cutoff)
    {
        Kind = kind;
        KeepCount = keepCount;
        Cutoff = cutoff;
    }

    /// <summary>Gets a strategy that keeps only the newest checkpoint of every namespace of each thread, with its writes.</summary>
    public static PruneStrategy KeepLatest { get; } = new(PruneStrategyKind.KeepLast, 1, default);

    /// <summary>Gets a strategy that deletes the threads entirely.</summary>
    public static PruneStrategy DeleteAll { get; } = new(PruneStrategyKind.DeleteAll, 0, default);

    /// <summary>Gets the kind of strategy.</summary>
    public PruneStrategyKind Kind { get; }

    /// <summary>Gets how many of the newest checkpoints per namespace <see cref="PruneStrategyKind.KeepLast"/> keeps.</summary>
    public int KeepCount { get; }

    /// <summary>Gets the time before which <see cref="PruneStrategyKind.OlderThan"/> removes checkpoints.</summary>
    public DateTimeOffset Cutoff { get; }

    /// <summary>Creates a strategy that keeps the <paramref name="count"/> newest checkpoints of every namespace of each thread.</summary>
    /// <param name="count">How many to keep; at least 1.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static PruneStrategy KeepLast(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new PruneStrategy(PruneStrategyKind.KeepLast, count, default);
    }

    /// <summary>
    /// Creates a strategy that removes checkpoints whose timestamp (<see cref="GraphCheckpoint.Ts"/>) is before
    /// <paramref name="cutoff"/>. The newest checkpoint of every namespace is always kept, so each thread can still
    /// be resumed; checkpoints without a readable timestamp are kept. Use <see cref="BaseCheckpointSaver.DeleteThread"/>
    /// to remove whole threads.
    /// </summary>
    /// <param name="cutoff">The cutoff.</param>
    /// <returns>The strategy.</returns>
    public static PruneStrategy OlderThan(DateTimeOffset cutoff) => new(PruneStrategyKind.OlderThan, 0, cutoff);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        PruneStrategyKind.KeepLast => $"keep last {KeepCount}",
        PruneStrategyKind.OlderThan => $"older than {Cutoff:O}",
        _ => "delete all",
    };
}
