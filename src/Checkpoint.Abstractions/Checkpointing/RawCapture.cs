using System.Runtime.CompilerServices;
using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>
/// While a raw read runs, records what the backend hands the base class (the stored blobs in
/// <c>AssembleChannelValues</c>, the stored writes in <c>CreateTuple</c>) instead of deserializing it. Every backend reads
/// through those two helpers, so raw reads need nothing from a backend.
/// </summary>
internal sealed class RawCapture
{
    private static readonly AsyncLocal<RawCapture?> Active = new();

    // Keyed by the checkpoint object the backend assembles and then puts into its tuple.
    private readonly ConditionalWeakTable<GraphCheckpoint, List<SerializedBlob>> _blobs = [];
    private readonly ConditionalWeakTable<GraphCheckpoint, List<SerializedWrite>> _writes = [];

    /// <summary>Gets the capture of the current flow, or <see langword="null"/> outside a raw read.</summary>
    public static RawCapture? Current => Active.Value;

    /// <summary>Makes this capture current until the returned scope is disposed.</summary>
    /// <returns>The scope.</returns>
    public Scope Activate()
    {
        var previous = Active.Value;
        Active.Value = this;
        return new Scope(previous);
    }

    public void RecordBlobs(GraphCheckpoint checkpoint, IEnumerable<SerializedBlob> blobs)
    {
        var kept = new List<SerializedBlob>();
        var seen = new HashSet<(string, string)>();
        foreach (var blob in blobs)
        {
            if (checkpoint.ChannelVersions.TryGetValue(blob.Channel, out var version)
                && string.Equals(version, blob.Version, StringComparison.Ordinal)
                && seen.Add((blob.Channel, blob.Version)))
            {
                kept.Add(blob with { WrittenBefore = false });
            }
        }

        _blobs.AddOrUpdate(checkpoint, kept);
    }

    public void RecordWrites(GraphCheckpoint checkpoint, IEnumerable<SerializedWrite> writes) =>
        _writes.AddOrUpdate(checkpoint, [.. writes.OrderBy(w => w.TaskId, StringComparer.Ordinal).ThenBy(w => w.Index)]);

    /// <summary>Builds the raw checkpoint of a tuple the backend returned during this capture.</summary>
    public RawCheckpoint Take(CheckpointTuple tuple)
    {
        var checkpoint = tuple.Checkpoint;
        var blobs = _blobs.TryGetValue(checkpoint, out var b) ? b : [];
        var writes = _writes.TryGetValue(checkpoint, out var w) ? w : [];
        _blobs.Remove(checkpoint);
        _writes.Remove(checkpoint);
        checkpoint.ChannelValues.Clear();
        return new RawCheckpoint(tuple.Config.ThreadId!, tuple.Config.ResolvedCheckpointNs, tuple.ParentConfig?.CheckpointId, checkpoint, tuple.Metadata, blobs, writes);
    }

    /// <summary>Restores the capture that was current before <see cref="Activate"/>.</summary>
    public readonly struct Scope(RawCapture? previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Active.Value = previous;
    }
}
