using System.Collections;

namespace Checkpoint;

/// <summary>
/// One chunk of a long list, as the saver's <see cref="ChunkCache"/> keeps it: its stored bytes, the byte range of each
/// item inside them, and, once needed, its items deserialized. The items are private to the cache: they are never
/// handed to a caller (reads return copies) and never changed after they are set.
/// </summary>
internal sealed class CachedChunk
{
    private readonly Lock _gate = new();
    private List<(int Start, int End)>? _ranges;
    private IList? _items;
    private bool _itemsFailed;

    /// <summary>Initializes a chunk.</summary>
    /// <param name="version">Its version: the hash of its tag and bytes.</param>
    /// <param name="value">Its stored form: the list's tag and a JSON list of its items.</param>
    /// <param name="list">How its items are handled, or <see langword="null"/> when the serializer has no item-level access.</param>
    /// <param name="items">Its items, when the writer already has them deserialized.</param>
    /// <param name="ranges">The byte range of each item, when the writer knows them.</param>
    public CachedChunk(string version, SerializedValue value, ListDescription? list, IList? items = null, List<(int Start, int End)>? ranges = null)
    {
        Version = version;
        Value = value;
        List = list;
        _items = items;
        _ranges = ranges;
    }

    /// <summary>Gets the version.</summary>
    public string Version { get; }

    /// <summary>Gets the stored form.</summary>
    public SerializedValue Value { get; }

    /// <summary>Gets how the items are handled, or <see langword="null"/>.</summary>
    public ListDescription? List { get; }

    /// <summary>
    /// Gets or sets the objects a put last stored in this chunk, in order (the caller's own, never handed out), when
    /// their identity may stand for their content (see <see cref="ChunkedValues"/>); <see langword="null"/> otherwise.
    /// Replaced whole, never changed, so readers on other threads see one set or another.
    /// </summary>
    public object?[]? Sources { get; set; }

    /// <summary>Gets the items when already deserialized, without deserializing them; <see langword="null"/> otherwise.</summary>
    public IList? LoadedItems => _items;

    /// <summary>Gets the number of items when already known (items or their ranges are), without computing it; -1 otherwise.</summary>
    public int KnownItemCount => _items?.Count ?? _ranges?.Count ?? -1;

    /// <summary>Gets the byte range of each item inside <see cref="Value"/> (computed on first use).</summary>
    public List<(int Start, int End)> ItemRanges =>
        _ranges ??= ChunkedValue.ItemRanges(Value.Data) ?? throw new CheckpointSerializationException($"A chunk stored as {Value.Type} is not a JSON list.");

    /// <summary>
    /// Returns the items, deserializing them on first use, or <see langword="null"/> when they cannot be loaded.
    /// </summary>
    /// <param name="codec">The serializer's item-level access.</param>
    /// <param name="allocated">The managed bytes deserializing allocated (0 when the items were already there), a measure of what they hold.</param>
    public IList? Items(ListItemCodec codec, out long allocated)
    {
        allocated = 0;
        if (_items is not null || _itemsFailed || List is null)
        {
            return _items;
        }

        lock (_gate)
        {
            if (_items is null && !_itemsFailed)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    _items = codec.DeserializeChunk(Value);
                }
                catch (CheckpointSerializationException)
                {
                    _itemsFailed = true;
                }

                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }

            return _items;
        }
    }
}
