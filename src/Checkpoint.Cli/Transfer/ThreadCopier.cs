using Checkpoint.Providers;

namespace Checkpoint.Cli.Transfer;

/// <summary>
/// Copies threads in their stored form from one saver to another and checks each copy by checksum (see
/// <see cref="ThreadTransfer.WriteAsync"/>).
/// </summary>
internal sealed class ThreadCopier(BaseCheckpointSaver source, BaseCheckpointSaver target, bool overwrite)
{
    /// <summary>Copies one thread.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>What happened.</returns>
    public Task<ThreadResult> CopyAsync(string threadId, CancellationToken cancellationToken) =>
        ThreadTransfer.WriteAsync(
            target,
            threadId,
            overwrite,
            () => ThreadTransfer.DigestAsync(source, threadId, cancellationToken),
            () => ThreadTransfer.StreamAsync(
                source,
                threadId,
                (checkpoint, fresh) => target.PutRawAsync(ThreadTransfer.WithBlobs(checkpoint, fresh), cancellationToken),
                cancellationToken),
            cancellationToken);
}
