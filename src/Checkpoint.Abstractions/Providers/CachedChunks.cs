namespace Checkpoint.Providers;

/// <summary>
/// The chunks of long lists a saver already holds in memory for a thread (see <c>BaseCheckpointSaver.CachedChunksOf</c>):
/// a backend reading that thread may leave these blobs out of what it fetches, so a warm read moves none of the bytes
/// the saver has, and passes this object to <c>AssembleChannelValues</c>, which takes them from memory instead. The
/// chunks stay available for as long as this object lives, whatever the cache evicts meanwhile.
/// </summary>
public sealed class CachedChunks
{
    private readonly Dictionary<string, CachedChunk> _held;

    internal CachedChunks(string? threadId, string? checkpointNs, IReadOnlyList<(string Channel, string Version)> keys, Dictionary<string, CachedChunk> held)
    {
        ThreadId = threadId;
        CheckpointNs = checkpointNs;
        Keys = keys;
        _held = held;
    }

    /// <summary>Gets an instance that holds nothing.</summary>
    public static CachedChunks None { get; } = new(null, null, [], new Dictionary<string, CachedChunk>(StringComparer.Ordinal));

    /// <summary>
    /// Gets the (channel, version) keys of the blobs held: chunk channels (starting with U+0001) only. Chunk versions
    /// are hashes of content, so a key may be skipped in any namespace of the thread.
    /// </summary>
    public IReadOnlyList<(string Channel, string Version)> Keys { get; }

    /// <summary>Gets the distinct versions of <see cref="Keys"/>.</summary>
    public IReadOnlyCollection<string> Versions => _held.Keys;

    /// <summary>Gets whether nothing is held.</summary>
    public bool IsEmpty => Keys.Count == 0;

    /// <summary>Gets the thread the chunks were gathered for.</summary>
    internal string? ThreadId { get; }

    /// <summary>Gets the namespace they were gathered for, or <see langword="null"/> for every namespace.</summary>
    internal string? CheckpointNs { get; }

    /// <summary>Returns the held chunk with <paramref name="version"/>, or <see langword="null"/>.</summary>
    internal CachedChunk? Get(string version) => _held.GetValueOrDefault(version);
}
