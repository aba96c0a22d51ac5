using Checkpoint.Providers;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// One page of checkpoints read by a single statement, with every value blob and pending write they need: a page
/// costs one round trip however many checkpoints it holds (no query per row).
/// </summary>
internal sealed class CheckpointPage
{
    public List<CheckpointRecord> Checkpoints { get; } = [];

    public Dictionary<(string ThreadId, string CheckpointNs, string Channel, string Version), SerializedValue> Blobs { get; } = [];

    public Dictionary<(string ThreadId, string CheckpointNs, string CheckpointId), List<SerializedWrite>> Writes { get; } = [];

    public IEnumerable<SerializedBlob> BlobsOf(CheckpointRecord record, GraphCheckpoint checkpoint)
    {
        foreach (var (channel, version) in checkpoint.ChannelVersions)
        {
            if (Blobs.TryGetValue((record.ThreadId, record.CheckpointNs, channel, version), out var value))
            {
                yield return new SerializedBlob(channel, version, value);
            }
        }
    }

    public IReadOnlyList<SerializedWrite> WritesOf(CheckpointRecord record) =>
        Writes.TryGetValue((record.ThreadId, record.CheckpointNs, record.CheckpointId), out var writes) ? writes : [];
}
