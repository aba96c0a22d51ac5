namespace Checkpoint;

/// <summary>
/// A saver's memory of long-list chunks: the chunks themselves keyed by version (a hash of their content, so an entry
/// can never be stale), bounded in bytes, and per (thread, namespace, channel) the versions last stored there, bounded
/// in count. Thread-safe.
/// </summary>
internal sealed class ChunkCache
{
    /// <summary>The most threads whose trails are remembered: each trail is a few bytes per chunk.</summary>
    public const int MaxThreads = 8_192;

    private readonly WeightedLru<string, CachedChunk> _chunks;
    private readonly WeightedLru<string, ThreadTrails> _threads = new(MaxThreads, StringComparer.Ordinal);

    /// <summary>Initializes a cache.</summary>
    /// <param name="maxBytes">The bound on the chunks' memory; 0 keeps no chunks (trails are still kept).</param>
    public ChunkCache(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _chunks = new WeightedLru<string, CachedChunk>(maxBytes, StringComparer.Ordinal);
    }

    /// <summary>Gets whether chunks are kept at all.</summary>
    public bool Enabled => _chunks.Limit > 0;

    /// <summary>Gets the number of chunks kept.</summary>
    public int Count => _chunks.Count;

    /// <summary>Gets the memory the kept chunks account for.</summary>
    public long Bytes => _chunks.Weight;

    /// <summary>Returns the chunk with <paramref name="version"/>, or <see langword="null"/>.</summary>
    public CachedChunk? Get(string version) => _chunks.TryGet(version, out var chunk) ? chunk : null;

    /// <summary>Keeps <paramref name="chunk"/> unless one with its version is kept already, and returns the one kept (or <paramref name="chunk"/>).</summary>
    public CachedChunk Add(CachedChunk chunk) => _chunks.GetOrAdd(chunk.Version, chunk, chunk.Value.Data.Length);

    /// <summary>Returns the items of a chunk (see <see cref="CachedChunk.Items"/>), counting the memory they take against the bound.</summary>
    public System.Collections.IList? ItemsOf(CachedChunk chunk, ListItemCodec codec)
    {
        var items = chunk.Items(codec, out var allocated);
        if (allocated > 0)
        {
            _chunks.AddWeight(chunk.Version, allocated);
        }

        return items;
    }

    /// <summary>Remembers the objects a put stored in a chunk, counting the references against the bound the first time.</summary>
    public void SetSources(CachedChunk chunk, object?[] sources)
    {
        var first = chunk.Sources is null;
        chunk.Sources = sources;
        if (first)
        {
            _chunks.AddWeight(chunk.Version, (long)IntPtr.Size * sources.Length);
        }
    }

    /// <summary>Returns the trail of a channel, or <see langword="null"/>.</summary>
    public ChunkTrail? Trail(string threadId, string checkpointNs, string channel) =>
        _threads.TryGet(threadId, out var trails) ? trails.Get(checkpointNs, channel) : null;

    /// <summary>Returns whether the trail of a channel is, already, a written list of exactly <paramref name="versions"/>.</summary>
    public bool IsTrail(string threadId, string checkpointNs, string channel, List<string> versions) =>
        Trail(threadId, checkpointNs, channel) is { Written: true } trail && trail.Versions.AsSpan().SequenceEqual(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(versions));

    /// <summary>Returns the trails of a thread's channels in one namespace, or in all when <paramref name="checkpointNs"/> is <see langword="null"/>.</summary>
    public List<(string Channel, ChunkTrail Trail)> Trails(string threadId, string? checkpointNs) =>
        _threads.TryGet(threadId, out var trails) ? trails.Of(checkpointNs) : [];

    /// <summary>Remembers the trail of a channel.</summary>
    public void SetTrail(string threadId, string checkpointNs, string channel, ChunkTrail trail) =>
        _threads.GetOrAdd(threadId, new ThreadTrails(), 1).Set(checkpointNs, channel, trail);
}
