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

    /// <summary>Returns a checkpoint with another set of stored values.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="blobs">The values.</param>
    /// <returns>The copy.</returns>
    public static RawCheckpoint WithBlobs(RawCheckpoint checkpoint, IReadOnlyList<SerializedBlob> blobs) =>
        new(checkpoint.ThreadId, checkpoint.CheckpointNs, checkpoint.ParentCheckpointId, checkpoint.Checkpoint, checkpoint.Metadata, blobs, checkpoint.Writes);
}
