namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Shrinks a failing operation sequence by delta debugging: repeatedly removes chunks (halving their size down to
/// single operations) and keeps every removal after which a fresh replay still fails.
/// </summary>
public static class SequenceShrinker
{
    /// <summary>Shrinks <paramref name="sequence"/>.</summary>
    /// <typeparam name="T">The operation type.</typeparam>
    /// <param name="sequence">A sequence that fails.</param>
    /// <param name="failure">Its failure; later operations than <see cref="ModelFailure.StepIndex"/> are dropped at once.</param>
    /// <param name="replay">Replays a candidate on fresh state; returns its failure, or <see langword="null"/> when it passes.</param>
    /// <param name="maxReplays">The most replays to spend.</param>
    /// <returns>The shortest failing sequence found, its failure and the number of replays spent.</returns>
    public static async Task<(IReadOnlyList<T> Sequence, ModelFailure Failure, int Replays)> ShrinkAsync<T>(
        IReadOnlyList<T> sequence,
        ModelFailure failure,
        Func<IReadOnlyList<T>, Task<ModelFailure?>> replay,
        int maxReplays = 400)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(replay);
        var current = sequence.Take(failure.StepIndex + 1).ToList();
        var replays = 0;
        var size = Math.Max(1, current.Count / 2);
        while (replays < maxReplays)
        {
            var progress = false;
            for (var start = 0; start < current.Count && replays < maxReplays;)
            {
                var candidate = current.Take(start).Concat(current.Skip(start + size)).ToList();
                replays++;
                if (candidate.Count > 0 && await replay(candidate).ConfigureAwait(false) is { } smaller)
                {
                    // Everything after the new failure point is irrelevant too.
                    current = candidate.Take(smaller.StepIndex + 1).ToList();
                    failure = smaller;
                    progress = true;
                }
                else
                {
                    start += size;
                }
            }

            if (!progress)
            {
                if (size == 1)
                {
                    break;
                }

                size = Math.Max(1, size / 2);
            }
        }

        return (current, failure, replays);
    }
}
