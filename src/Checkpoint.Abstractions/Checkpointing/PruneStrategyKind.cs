namespace Checkpoint;

/// <summary>The kinds of <see cref="PruneStrategy"/>.</summary>
public enum PruneStrategyKind
{
    /// <summary>Keep the newest <see cref="PruneStrategy.KeepCount"/> checkpoints of every namespace.</summary>
    KeepLast,

    /// <summary>Remove checkpoints older than <see cref="PruneStrategy.Cutoff"/>, keeping the newest of every namespace.</summary>
    OlderThan,

    /// <summary>Remove everything the thread holds.</summary>
    DeleteAll,
}
