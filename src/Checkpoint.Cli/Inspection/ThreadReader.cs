using Checkpoint.Providers;

namespace Checkpoint.Cli.Inspection;

/// <summary>Reads threads in their stored form.</summary>
internal static class ThreadReader
{
    /// <summary>Lists every checkpoint of a thread, in all namespaces, newest first.</summary>
    /// <param name="saver">The saver.</param>
    /// <param name="threadId">The thread.</param>
    /// <param name="ns">One namespace, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The checkpoints.</returns>
    public static IAsyncEnumerable<RawCheckpoint> ListAsync(BaseCheckpointSaver saver, string threadId, string? ns, CancellationToken cancellationToken) =>
        saver.ListRawAsync(new RunConfig(threadId, ns), cancellationToken: cancellationToken);

    /// <summary>Lists the ids of every thread, in ordinal order.</summary>
    /// <param name="saver">The saver.</param>
    /// <param name="after">Only threads after this one, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The threads.</returns>
    public static async IAsyncEnumerable<ThreadInfo> ThreadsAsync(BaseCheckpointSaver saver, string? after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Pages, so a database with millions of threads streams.
        while (true)
        {
            var page = await saver.ListThreadsAsync(new ThreadListOptions { After = after, Limit = 500 }, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var thread in page)
            {
                yield return thread;
            }

            if (page.Count < 500)
            {
                yield break;
            }

            after = page[^1].ThreadId;
        }
    }

    /// <summary>Throws <see cref="CliException"/> with <see cref="ExitCodes.NotFound"/> unless the thread has checkpoints.</summary>
    /// <param name="saver">The saver.</param>
    /// <param name="threadId">The thread.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>A task that completes when the thread is known to exist.</returns>
    public static async Task RequireAsync(BaseCheckpointSaver saver, string threadId, CancellationToken cancellationToken)
    {
        var any = await saver.ListRawAsync(new RunConfig(threadId, null), new CheckpointListOptions { Limit = 1 }, cancellationToken)
            .AnyAsync(cancellationToken).ConfigureAwait(false);
        if (!any)
        {
            throw new CliException(ExitCodes.NotFound, $"thread '{threadId}' has no checkpoints in this database.");
        }
    }
}
