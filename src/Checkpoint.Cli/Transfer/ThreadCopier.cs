using Checkpoint.Providers;

namespace Checkpoint.Cli.Transfer;

/// <summary>
/// Copies threads in their stored form from one saver to another and checks each copy by checksum. Running it again
/// after an interruption finishes the job: identical threads are skipped, partly written ones are completed.
/// </summary>
internal sealed class ThreadCopier(BaseCheckpointSaver source, BaseCheckpointSaver target, bool overwrite)
{
    /// <summary>Copies one thread.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>What happened.</returns>
    public async Task<ThreadResult> CopyAsync(string threadId, CancellationToken cancellationToken)
    {
        using var existing = await ThreadTransfer.DigestAsync(target, threadId, cancellationToken).ConfigureAwait(false);
        if (existing.Checkpoints > 0)
        {
            using var planned = await ThreadTransfer.DigestAsync(source, threadId, cancellationToken).ConfigureAwait(false);
            if (planned.Sha256 == existing.Sha256)
            {
                return Result(threadId, ThreadOutcome.AlreadyThere, planned, existing.Sha256);
            }

            // A target holding only checkpoints of the source is an interrupted copy: writing again completes it.
            if (!existing.Ids.IsSubsetOf(planned.Ids))
            {
                if (!overwrite)
                {
                    return Result(threadId, ThreadOutcome.Conflict, planned, existing.Sha256);
                }

                await target.DeleteThreadAsync(threadId, cancellationToken).ConfigureAwait(false);
            }
        }

        using var copied = await ThreadTransfer.StreamAsync(
            source,
            threadId,
            (checkpoint, fresh) => target.PutRawAsync(ThreadTransfer.WithBlobs(checkpoint, fresh), cancellationToken),
            cancellationToken).ConfigureAwait(false);
        using var written = await ThreadTransfer.DigestAsync(target, threadId, cancellationToken).ConfigureAwait(false);
        return Result(threadId, written.Sha256 == copied.Sha256 ? ThreadOutcome.Copied : ThreadOutcome.Mismatch, copied, written.Sha256);
    }

    private static ThreadResult Result(string threadId, ThreadOutcome outcome, ThreadDigest source, string? target) =>
        new(threadId, outcome, source.Checkpoints, source.Writes, source.Values, source.Sha256, target);
}
