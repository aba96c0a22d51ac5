using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint.Cli.Inspection;

/// <summary>What <c>threads</c> shows of a thread: its latest step, how many checkpoints and writes, how many bytes.</summary>
internal sealed class ThreadSummary
{
    private readonly HashSet<(string Ns, string Channel, string Version)> _blobs = [];
    private readonly HashSet<string> _namespaces = new(StringComparer.Ordinal);

    private ThreadSummary(string threadId) => ThreadId = threadId;

    public string ThreadId { get; }

    public int Checkpoints { get; private set; }

    public int Writes { get; private set; }

    /// <summary>Gets the stored bytes of the thread's values and writes (each stored value once).</summary>
    public long Bytes { get; private set; }

    public int Namespaces => _namespaces.Count;

    /// <summary>Gets the newest checkpoint of the root namespace (or of any namespace when the root has none).</summary>
    public RawCheckpoint? Latest { get; private set; }

    /// <summary>Reads a whole thread.</summary>
    /// <param name="saver">The saver.</param>
    /// <param name="threadId">The thread.</param>
    /// <param name="cancellationToken">A token to cancel.</param>
    /// <returns>The summary.</returns>
    public static async Task<ThreadSummary> ReadAsync(BaseCheckpointSaver saver, string threadId, CancellationToken cancellationToken)
    {
        var summary = new ThreadSummary(threadId);
        await foreach (var checkpoint in ThreadReader.ListAsync(saver, threadId, null, cancellationToken).ConfigureAwait(false))
        {
            summary.Add(checkpoint);
        }

        return summary;
    }

    public JsonObject ToJson() => new()
    {
        ["thread_id"] = ThreadId,
        ["latest_checkpoint_id"] = Latest?.CheckpointId,
        ["latest_step"] = Latest?.Metadata.Step,
        ["latest_source"] = Latest?.Metadata.Source,
        ["updated_at"] = Latest?.Checkpoint.Ts,
        ["checkpoints"] = Checkpoints,
        ["namespaces"] = Namespaces,
        ["writes"] = Writes,
        ["bytes"] = Bytes,
    };

    private void Add(RawCheckpoint checkpoint)
    {
        Checkpoints++;
        Writes += checkpoint.Writes.Count;
        _namespaces.Add(checkpoint.CheckpointNs);
        if (Latest is null || (Latest.CheckpointNs.Length > 0 && checkpoint.CheckpointNs.Length == 0))
        {
            Latest = checkpoint;
        }

        foreach (var blob in checkpoint.Blobs)
        {
            if (_blobs.Add((checkpoint.CheckpointNs, blob.Channel, blob.Version)))
            {
                Bytes += blob.Value.Data?.Length ?? 0;
            }
        }

        Bytes += checkpoint.Writes.Sum(w => (long)(w.Value.Data?.Length ?? 0));
    }
}
