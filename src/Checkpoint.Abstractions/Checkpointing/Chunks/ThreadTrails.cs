namespace Checkpoint;

/// <summary>The chunk trails of one thread, by namespace and channel. Thread-safe.</summary>
internal sealed class ThreadTrails
{
    private readonly Dictionary<(string Ns, string Channel), ChunkTrail> _trails = [];
    private readonly Lock _gate = new();

    public ChunkTrail? Get(string checkpointNs, string channel)
    {
        lock (_gate)
        {
            return _trails.GetValueOrDefault((checkpointNs, channel));
        }
    }

    public void Set(string checkpointNs, string channel, ChunkTrail trail)
    {
        lock (_gate)
        {
            _trails[(checkpointNs, channel)] = trail;
        }
    }

    /// <summary>Returns the trails of one namespace, or of all when <paramref name="checkpointNs"/> is <see langword="null"/>.</summary>
    public List<(string Channel, ChunkTrail Trail)> Of(string? checkpointNs)
    {
        lock (_gate)
        {
            return [.. _trails.Where(t => checkpointNs is null || t.Key.Ns == checkpointNs).Select(t => (t.Key.Channel, t.Value))];
        }
    }
}
