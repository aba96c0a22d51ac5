namespace Checkpoint;

/// <summary>
/// Options of the cache every saver keeps of the chunks of long lists (see <c>docs/contracts.md</c>, "Long lists are
/// stored in chunks"): their bytes and their items deserialized, keyed by content hash.
/// </summary>
/// <remarks>
/// <para>
/// With the cache, a put serializes and hashes only the items that changed since this saver's previous put on the
/// thread, and a read deserializes only chunks this saver has not seen; what a read returns is always a copy, so
/// changing it never changes the cache or what another read returns. Entries are keyed by a hash of their content,
/// so another process deleting, pruning, copying or rewriting a thread never makes a cached entry wrong.
/// </para>
/// <para>
/// The cache is bounded by <see cref="MaxBytes"/>: each entry counts its stored bytes plus the managed memory its
/// items took when deserialized; the least recently used entries go first.
/// </para>
/// </remarks>
public sealed class ChunkCacheOptions
{
    /// <summary>The default bound: 64 MiB.</summary>
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>Gets or sets the most memory the cache holds, in bytes; 0 turns the cache off. Default: <see cref="DefaultMaxBytes"/>.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;
}
