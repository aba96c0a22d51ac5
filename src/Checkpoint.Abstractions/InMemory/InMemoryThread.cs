using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>Everything one thread holds in an <see cref="InMemoryCheckpointDatabase"/>, kept in stored (serialized) form.</summary>
internal sealed class InMemoryThread
{
    /// <summary>Checkpoints by namespace, then by id (code point order, so the last is the newest).</summary>
    public Dictionary<string, SortedDictionary<string, StoredCheckpoint>> Namespaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Channel values by (namespace, channel, version); immutable once written.</summary>
    public Dictionary<(string Ns, string Channel, string Version), SerializedValue> Blobs { get; } = [];

    /// <summary>Pending writes by (namespace, checkpoint id), then by (task id, index).</summary>
    public Dictionary<(string Ns, string CheckpointId), SortedDictionary<(string TaskId, int Index), SerializedWrite>> Writes { get; } = [];

    public bool HasCheckpoints => Namespaces.Values.Any(n => n.Count > 0);

    public InMemoryThread Copy()
    {
        var copy = new InMemoryThread();
        foreach (var (ns, checkpoints) in Namespaces)
        {
            copy.Namespaces[ns] = new SortedDictionary<string, StoredCheckpoint>(checkpoints, CodePointComparer.Instance);
        }

        foreach (var (key, blob) in Blobs)
        {
            copy.Blobs[key] = blob;
        }

        foreach (var (key, writes) in Writes)
        {
            copy.Writes[key] = new SortedDictionary<(string, int), SerializedWrite>(writes, WriteKeyComparer.Instance);
        }

        return copy;
    }

    /// <summary>Removes checkpoints (with their writes), then every blob no remaining checkpoint refers to.</summary>
    public void Remove(IEnumerable<(string Ns, string CheckpointId)> checkpoints)
    {
        foreach (var (ns, id) in checkpoints.ToList())
        {
            if (Namespaces.TryGetValue(ns, out var byId))
            {
                byId.Remove(id);
                if (byId.Count == 0)
                {
                    Namespaces.Remove(ns);
                }
            }

            Writes.Remove((ns, id));
        }

        var referenced = new HashSet<(string, string, string)>();
        foreach (var (ns, byId) in Namespaces)
        {
            foreach (var stored in byId.Values)
            {
                foreach (var (channel, version) in stored.ChannelVersions)
                {
                    referenced.Add((ns, channel, version));
                }
            }
        }

        foreach (var key in Blobs.Keys.Where(k => !referenced.Contains(k)).ToList())
        {
            Blobs.Remove(key);
        }
    }
}
