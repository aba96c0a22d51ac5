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

    /// <summary>
    /// Gets or sets whether a put takes a long-list item that is the very same object as the one it stored at the same
    /// place before as unchanged, without comparing it. Default: <see langword="false"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// By default a put compares every item of a long list with what it stored before (a walk of each object, no
    /// serialization), so an item changed in place after a put is still stored as it now is; that walk makes a put cost
    /// time proportional to the length of the list. Items of a type proven immutable (strings, records of immutable
    /// members: see <c>docs/contracts.md</c>) are recognized by identity without this option.
    /// </para>
    /// <para>
    /// With this option on, a put costs what changed for any item type, but an item that is changed in place
    /// (<c>message.Contents.Add(...)</c> on a message already put) is <b>not stored again</b>: the checkpoint keeps what
    /// the item was when it was first stored in that chunk, and the change is lost on the next read. Turn it on only when
    /// items are replaced rather than changed after they are put (the Graph runtime's <c>AddMessages</c> replaces a
    /// message by id). The saver also keeps a reference to each item it stored, for as long as the chunk stays in the
    /// cache.
    /// </para>
    /// </remarks>
    public bool TrustUnchangedItems { get; set; }
}
