using Checkpoint.Cli.Inspection;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Transfer;

/// <summary>Reads a thread in its stored form once, for a checksum and for whatever writes it elsewhere.</summary>
internal static class ThreadTransfer
{
    /// <summary>Computes a thread's counts and checksum.</summary>
    /// <param name="saver">The saver.</param>
    /// <param name="threadId">The thread.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The digest (no checkpoints when the thread does not exist).</returns>
    public static Task<ThreadDigest> DigestAsync(BaseCheckpointSaver saver, string threadId, CancellationToken cancellationToken) =>
        StreamAsync(saver, threadId, null, cancellationToken);

    /// <summary>
    /// Reads a thread newest first and hands each checkpoint to <paramref name="sink"/> with the stored values that no
    /// earlier checkpoint of the stream carried (a long conversation's chunks are handed over once).
    /// </summary>
    /// <param name="saver">The saver.</param>
    /// <param name="threadId">The thread.</param>
    /// <param name="sink">What to do with each checkpoint and its new values, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The digest of everything read.</returns>
    public static async Task<ThreadDigest> StreamAsync(
        BaseCheckpointSaver saver, string threadId, Func<RawCheckpoint, IReadOnlyList<SerializedBlob>, Task>? sink, CancellationToken cancellationToken)
    {
        var digest = new ThreadDigest();
        var handed = new HashSet<(string Ns, string Channel, string Version)>();
        await foreach (var checkpoint in ThreadReader.ListAsync(saver, threadId, null, cancellationToken).ConfigureAwait(false))
        {
            digest.Add(checkpoint);
            if (sink is not null)
            {
                var fresh = checkpoint.Blobs.Where(b => handed.Add((checkpoint.CheckpointNs, b.Channel, b.Version))).ToList();
                await sink(checkpoint, fresh).ConfigureAwait(false);
            }
        }

        return digest;
    }

    /// <summary>
    /// Writes one thread to <paramref name="target"/> and checks the result by checksum: what copy and import share.
    /// Running it again after an interruption finishes the job: an identical thread is left alone, a partly written one
    /// (holding only checkpoints of the planned thread) is completed, any other is a conflict unless
    /// <paramref name="overwrite"/> replaces it.
    /// </summary>
    /// <param name="target">The saver written to.</param>
    /// <param name="threadId">The thread.</param>
    /// <param name="overwrite">Whether to replace a thread with other content.</param>
    /// <param name="planAsync">Reads what will be written without writing it; called only when the target holds the thread.</param>
    /// <param name="writeAsync">Writes the thread, returning the digest of what it wrote.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>What happened.</returns>
    public static async Task<ThreadResult> WriteAsync(
        BaseCheckpointSaver target,
        string threadId,
        bool overwrite,
        Func<Task<ThreadDigest>> planAsync,
        Func<Task<ThreadDigest>> writeAsync,
        CancellationToken cancellationToken)
    {
        using var existing = await DigestAsync(target, threadId, cancellationToken).ConfigureAwait(false);
        if (existing.Checkpoints > 0)
        {
            using var planned = await planAsync().ConfigureAwait(false);
            if (planned.Sha256 == existing.Sha256)
            {
                return Result(threadId, ThreadOutcome.AlreadyThere, planned, existing.Sha256);
            }

            if (!existing.Ids.IsSubsetOf(planned.Ids))
            {
                if (!overwrite)
                {
                    return Result(threadId, ThreadOutcome.Conflict, planned, existing.Sha256);
                }

                await target.DeleteThreadAsync(threadId, cancellationToken).ConfigureAwait(false);
            }
        }

        using var written = await writeAsync().ConfigureAwait(false);
        using var stored = await DigestAsync(target, threadId, cancellationToken).ConfigureAwait(false);
        return Result(threadId, stored.Sha256 == written.Sha256 ? ThreadOutcome.Copied : ThreadOutcome.Mismatch, written, stored.Sha256);
    }

    /// <summary>Returns a checkpoint with another set of stored values.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="blobs">The values.</param>
    /// <returns>The copy.</returns>
    public static RawCheckpoint WithBlobs(RawCheckpoint checkpoint, IReadOnlyList<SerializedBlob> blobs) =>
        new(checkpoint.ThreadId, checkpoint.CheckpointNs, checkpoint.ParentCheckpointId, checkpoint.Checkpoint, checkpoint.Metadata, blobs, checkpoint.Writes);

    private static ThreadResult Result(string threadId, ThreadOutcome outcome, ThreadDigest source, string? target) =>
        new(threadId, outcome, source.Checkpoints, source.Writes, source.Values, source.Sha256, target);
}
