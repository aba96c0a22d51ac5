namespace Checkpoint.Providers;

/// <summary>
/// Reads and writes checkpoints in their stored form (<see cref="RawCheckpoint"/>) through any saver, without
/// deserializing a value: for tools that copy, export, import or inspect threads written by applications whose types
/// they do not know. Values, chunks, empty markers and write indexes move byte for byte, so a thread copied with the
/// same ids reads back exactly (values encrypted for their location stay valid).
/// </summary>
/// <remarks>
/// Works with every saver derived from <see cref="BaseCheckpointSaver"/>, with nothing to implement: the base class
/// records what the backend's list and get-tuple hand to <c>AssembleChannelValues</c> and <c>CreateTuple</c>. Unlike
/// <see cref="BaseCheckpointSaver.List"/>, a raw read applies no read-path migration (a format-v3 checkpoint has no
/// <c>__pregel_tasks</c> value added).
/// </remarks>
public static class RawCheckpointExtensions
{
    /// <summary>Lists checkpoints in their stored form, newest first, as <see cref="BaseCheckpointSaver.List"/> does.</summary>
    /// <param name="saver">The saver.</param>
    /// <param name="config">The thread and namespace to list, or <see langword="null"/> for every thread.</param>
    /// <param name="options">The metadata filter, <c>before</c> bound and limit.</param>
    /// <returns>The checkpoints.</returns>
    public static IEnumerable<RawCheckpoint> ListRaw(this BaseCheckpointSaver saver, RunConfig? config, CheckpointListOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(saver);
        return saver.ListRaw(config, options);
    }

    /// <summary>Asynchronously lists checkpoints in their stored form; see <see cref="ListRaw"/>.</summary>
    /// <param name="saver">The saver.</param>
    /// <param name="config">The thread and namespace to list, or <see langword="null"/> for every thread.</param>
    /// <param name="options">The metadata filter, <c>before</c> bound and limit.</param>
    /// <param name="cancellationToken">A token to cancel the enumeration.</param>
    /// <returns>The checkpoints.</returns>
    public static IAsyncEnumerable<RawCheckpoint> ListRawAsync(this BaseCheckpointSaver saver, RunConfig? config, CheckpointListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(saver);
        return saver.ListRawAsync(config, options, cancellationToken);
    }

    /// <summary>Returns a checkpoint in its stored form: the one the config names, or the latest of its thread and namespace.</summary>
    /// <param name="saver">The saver.</param>
    /// <param name="config">The thread, namespace and optional checkpoint id.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when there is none.</returns>
    public static RawCheckpoint? GetRaw(this BaseCheckpointSaver saver, RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(saver);
        return SyncPath.Result(saver.GetRawAsync(async: false, config, CancellationToken.None));
    }

    /// <summary>Asynchronously returns a checkpoint in its stored form; see <see cref="GetRaw"/>.</summary>
    /// <param name="saver">The saver.</param>
    /// <param name="config">The thread, namespace and optional checkpoint id.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The checkpoint, or <see langword="null"/> when there is none.</returns>
    public static Task<RawCheckpoint?> GetRawAsync(this BaseCheckpointSaver saver, RunConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(saver);
        return saver.GetRawAsync(async: true, config, cancellationToken);
    }

    /// <summary>
    /// Writes a checkpoint in its stored form: the checkpoint and metadata (with the recorded parent), every blob given
    /// (insert-if-absent, as a put stores blobs), then the pending writes, one call per task, each under its stored
    /// index (special writes replace, regular writes are insert-if-absent). Writing the same checkpoint again changes
    /// nothing, so an interrupted copy can simply be repeated.
    /// </summary>
    /// <param name="saver">The saver to write to.</param>
    /// <param name="checkpoint">The checkpoint, typically read with <see cref="ListRaw"/> from another saver.</param>
    /// <exception cref="ArgumentException">An identifier is empty or contains a NUL character.</exception>
    public static void PutRaw(this BaseCheckpointSaver saver, RawCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(saver);
        SyncPath.Wait(saver.PutRawAsync(async: false, checkpoint, CancellationToken.None));
    }

    /// <summary>Asynchronously writes a checkpoint in its stored form; see <see cref="PutRaw"/>.</summary>
    /// <param name="saver">The saver to write to.</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>A task that completes when the checkpoint and its writes are stored.</returns>
    /// <exception cref="ArgumentException">An identifier is empty or contains a NUL character.</exception>
    public static Task PutRawAsync(this BaseCheckpointSaver saver, RawCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(saver);
        return saver.PutRawAsync(async: true, checkpoint, cancellationToken);
    }
}
