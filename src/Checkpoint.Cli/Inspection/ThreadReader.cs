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

    /// <summary>
    /// Returns the threads a command works on: the named ones (each must have checkpoints; duplicates dropped), or
    /// every thread when none is named. Both in ordinal order.
    /// </summary>
    /// <param name="saver">The saver.</param>
    /// <param name="named">The threads named on the command line; empty for all.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The thread ids.</returns>
    /// <exception cref="CliException">A named thread has no checkpoints (<see cref="ExitCodes.NotFound"/>).</exception>
    public static async Task<List<string>> SelectAsync(BaseCheckpointSaver saver, IReadOnlyCollection<string> named, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        if (named.Count > 0)
        {
            foreach (var id in named.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await RequireAsync(saver, id, cancellationToken).ConfigureAwait(false);
                ids.Add(id);
            }

            return ids;
        }

        await foreach (var thread in ThreadsAsync(saver, null, cancellationToken).ConfigureAwait(false))
        {
            ids.Add(thread.ThreadId);
        }

        return ids;
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
            throw NotFound(threadId);
        }
    }

    /// <summary>Returns the error for a thread with no checkpoints.</summary>
    /// <param name="threadId">The thread.</param>
    /// <returns>A <see cref="CliException"/> with <see cref="ExitCodes.NotFound"/>.</returns>
    public static CliException NotFound(string threadId) =>
        new(ExitCodes.NotFound, $"thread '{threadId}' has no checkpoints in this database.");
}
