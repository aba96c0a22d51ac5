using System.Collections;
using Checkpoint.Providers;

namespace Checkpoint;

/// <summary>
/// Stores and loads long lists in chunks (see <see cref="ChunkedValue"/>) at a cost proportional to what changed,
/// with the saver's <see cref="ChunkCache"/>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Writing.</b> A list is cut where <see cref="ChunkedValue.Layout"/> says for its item count. When this saver stored
/// or read the channel before, it knows where each previous chunk's items were (<see cref="ChunkTrail"/>). A new chunk
/// with the place and size of a previous one is first compared with it: item by item, by <see cref="SerializedEquality"/>,
/// against the cache's own deserialized items (never against objects a caller holds); when all compare equal it keeps
/// its version and bytes. Any other chunk (one that changed, the tail, a merge of smaller chunks) is built item by item:
/// an item equal to the previous item at its place, in whichever previous chunk held it, reuses that item's bytes and
/// cached item; only the others are serialized, and the chunk is hashed. A caller that changed an item in place
/// therefore gets the changed item stored: what is stored is always what the list serializes to at the time of the put.
/// Without item-level access to the serializer (a serializer other than <see cref="JsonCheckpointSerializer"/>), or
/// without a cache, the list is serialized whole and cut, and only chunks whose bytes differ from the previous ones
/// are hashed.
/// </para>
/// <para>
/// <b>Reading.</b> A chunk read from storage is parsed on its own (chunks are never joined first) and its items go to
/// the caller as they are: nobody else holds them. The cache keeps the chunk's bytes, only when they hash to its
/// version, and parses its own items the first time a later read (or put) needs them; from then on a read copies
/// those items (<see cref="ListItemCodec.CopyItems"/>) instead of parsing. Either way the caller owns everything it
/// gets.
/// </para>
/// </remarks>
internal sealed class ChunkedValues
{
    private readonly ICheckpointSerializer _serializer;
    private readonly ListItemCodec? _codec;
    private readonly bool _trustUnchangedItems;

    public ChunkedValues(ICheckpointSerializer serializer, ChunkCacheOptions? options)
    {
        _serializer = serializer;
        // A serializer that binds values to their location writes different bytes per place: no item bytes are reused.
        _codec = serializer.BindsLocation ? null : (serializer as JsonCheckpointSerializer)?.ListItems;
        options ??= new ChunkCacheOptions();
        Cache = new ChunkCache(options.MaxBytes);
        _trustUnchangedItems = options.TrustUnchangedItems;
    }

    /// <summary>Gets the cache.</summary>
    public ChunkCache Cache { get; }

    /// <summary>
    /// Returns whether <paramref name="value"/> may be stored in chunks, without serializing it when that is clear from
    /// its type: only lists of more than <see cref="ChunkedValue.MinimumItems"/> items are, and never encrypted values.
    /// </summary>
    public bool MayBeChunked(object? value) =>
        value is IList { Count: > ChunkedValue.MinimumItems } && _serializer is not EncryptedSerializer && (_codec is null || _codec.Describe(value) is not null);

    /// <summary>Serializes one channel value for a put: whole, or as a manifest plus chunks.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="value">The value.</param>
    /// <param name="serialize">Serializes a value whole, reporting failures for the channel.</param>
    public StoredValue Store(string threadId, string checkpointNs, string channel, object? value, Func<object?, SerializedValue> serialize)
    {
        var trail = Cache.Trail(threadId, checkpointNs, channel);
        var stored = trail is not null && Cache.Enabled && _codec?.Describe(value) is { } list && ((IList)value!).Count > ChunkedValue.MinimumItems
            && TryStoreIncrementally(list, (IList)value, trail) is { } incremental
            ? incremental
            : StoreWhole(serialize(value), trail);
        Cache.SetTrail(threadId, checkpointNs, channel, new ChunkTrail([.. stored.Chunks.Select(c => c.Version)], [.. stored.Chunks.Select(c => c.Items)], stored.Chunks.Count > 0));
        return stored;
    }

    /// <summary>
    /// Returns the chunks this saver holds for a thread (those of the last list it stored or read per channel, in one
    /// namespace or all), held for as long as the result lives.
    /// </summary>
    public CachedChunks Cached(string threadId, string? checkpointNs)
    {
        if (!Cache.Enabled)
        {
            return CachedChunks.None;
        }

        var keys = new List<(string, string)>();
        var held = new Dictionary<string, CachedChunk>(StringComparer.Ordinal);
        foreach (var (channel, trail) in Cache.Trails(threadId, checkpointNs))
        {
            for (var i = 0; i < trail.Versions.Length; i++)
            {
                if (held.ContainsKey(trail.Versions[i]) || Cache.Get(trail.Versions[i]) is { } chunk && held.TryAdd(chunk.Version, chunk))
                {
                    keys.Add((ChunkedValue.ChannelOf(channel, i), trail.Versions[i]));
                }
            }
        }

        return new CachedChunks(threadId, checkpointNs, keys, held);
    }

    /// <summary>Remembers the chunks a read found for a channel, so the next put and read on the thread build on them.</summary>
    /// <remarks>
    /// The item count of a chunk is kept where the cache knows it without work (it parsed or scanned the chunk); the next
    /// put counts the others from the cached bytes. Chunks of any sizes work as a trail, those of earlier releases too.
    /// </remarks>
    public void Remember(string threadId, string checkpointNs, string channel, IReadOnlyList<string> versions)
    {
        var items = new int[versions.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Cache.Get(versions[i])?.KnownItemCount ?? -1;
        }

        Cache.SetTrail(threadId, checkpointNs, channel, new ChunkTrail([.. versions], items, Written: true));
    }

    /// <summary>Loads a list stored in chunks.</summary>
    /// <param name="versions">The chunk versions, in order.</param>
    /// <param name="held">Chunks the caller holds (the backend did not fetch them).</param>
    /// <param name="fetched">Returns the stored chunk at an index (with the version asked for), or <see langword="null"/> when storage did not return it.</param>
    /// <param name="missing">Creates the exception for a chunk that is neither cached nor fetched, or not a JSON list.</param>
    /// <param name="deserialize">Deserializes a value whole, reporting failures for the channel.</param>
    public object? Load(IReadOnlyList<string> versions, CachedChunks held, Func<int, SerializedValue?> fetched, Func<int, bool, Exception> missing, Func<SerializedValue, object?> deserialize)
    {
        var chunks = new CachedChunk[versions.Count];
        var fromStorage = new bool[versions.Count];
        var hits = 0;
        var sameTag = true;
        for (var i = 0; i < chunks.Length; i++)
        {
            var inMemory = held.Get(versions[i]) ?? Cache.Get(versions[i]);
            hits += inMemory is null ? 0 : 1;
            fromStorage[i] = inMemory is null;
            chunks[i] = inMemory ?? FromStorage(i, versions[i], fetched, missing);
            sameTag &= string.Equals(chunks[i].Value.Type, chunks[0].Value.Type, StringComparison.Ordinal);
        }

        StorageOperation.Current?.AddChunkReads(hits, chunks.Length - hits);

        if (!sameTag || chunks[0].List is not { } list || _codec is null)
        {
            return deserialize(JoinAll(chunks));
        }

        var parts = new IList[chunks.Length];
        var total = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            // Items parsed from storage bytes belong to nobody else: the caller gets them as they are. The cache parses
            // its own when a later read needs them.
            if ((fromStorage[i] ? TryDeserialize(chunks[i].Value) : Cache.ItemsOf(chunks[i], _codec)) is not { } items)
            {
                // A chunk that does not load is reported the way the whole value would be.
                return deserialize(JoinAll(chunks));
            }

            parts[i] = items;
            total += items.Count;
        }

        var result = ListItemCodec.CreateList(list, total);
        var position = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var items = parts[i];
            var copied = fromStorage[i] ? 0 : _codec.CopyItems(list, items, result, position);
            if (copied < items.Count && !fromStorage[i])
            {
                // Items of this chunk cannot be copied: parse it again, which always gives the caller its own.
                items = _codec.DeserializeChunk(chunks[i].Value);
            }

            for (var j = copied; j < items.Count; j++)
            {
                ListItemCodec.Put(result, position + j, items[j], list);
            }

            position += items.Count;
        }

        return result;
    }

    private static SerializedValue JoinAll(CachedChunk[] chunks) => ChunkedValue.Join(chunks[0].Value.Type, [.. chunks.Select(c => c.Value)]);

    private IList? TryDeserialize(SerializedValue chunk)
    {
        try
        {
            return _codec!.DeserializeChunk(chunk);
        }
        catch (CheckpointSerializationException)
        {
            return null;
        }
    }

    private static void Put(IList list, int index, object? item, ListDescription description) => ListItemCodec.Put(list, index, item, description);

    /// <summary>
    /// Returns the chunk storage gave for an index, kept in the cache (bytes only: its items are parsed for the caller,
    /// who owns them) when its bytes hash to its version.
    /// </summary>
    private CachedChunk FromStorage(int index, string version, Func<int, SerializedValue?> fetched, Func<int, bool, Exception> missing)
    {
        var stored = fetched(index) ?? throw missing(index, false);
        if (!ChunkedValue.IsChunk(stored))
        {
            throw missing(index, true);
        }

        var chunk = new CachedChunk(version, stored, _codec?.Describe(stored.Type));

        // Only content that hashes to its version is shared under that version.
        if (Cache.Enabled && string.Equals(ChunkedValue.Hash(stored.Type, stored.Data), version, StringComparison.Ordinal))
        {
            Cache.Add(chunk);
        }

        return chunk;
    }

    /// <summary>The whole value, cut into chunks if long enough; only chunks whose bytes changed are hashed.</summary>
    private StoredValue StoreWhole(SerializedValue value, ChunkTrail? trail)
    {
        if (ChunkedValue.Cut(value) is not { } cut)
        {
            return new StoredValue(value, []);
        }

        var list = _codec?.Describe(value.Type);
        var chunks = new StoredChunk[cut.Count];
        for (var i = 0; i < cut.Count; i++)
        {
            // The same bytes are the same version wherever they were: the previous chunk at the same index usually holds them.
            var (data, items) = cut[i];
            var previous = trail is not null && i < trail.Versions.Length ? Cache.Get(trail.Versions[i]) : null;
            var chunk = previous is not null && string.Equals(previous.Value.Type, value.Type, StringComparison.Ordinal) && previous.Value.Data.AsSpan().SequenceEqual(data)
                ? previous
                : Cache.Add(new CachedChunk(ChunkedValue.Hash(value.Type, data), new SerializedValue(value.Type, data), list));
            chunks[i] = new StoredChunk(chunk.Version, chunk.Value, items, WrittenBefore(trail, i, chunk.Version));
        }

        return new StoredValue(ChunkedValue.Manifest(value.Type), chunks);
    }

    /// <summary>
    /// Builds the chunks from the previous ones and the items that changed, or returns <see langword="null"/> when an
    /// item cannot be serialized alone (the whole value is then serialized, which reports the failure precisely).
    /// </summary>
    private StoredValue? TryStoreIncrementally(ListDescription list, IList items, ChunkTrail trail)
    {
        var sizes = ChunkedValue.Layout(items.Count);
        var previous = PreviousChunks(list, trail);
        var chunks = new CachedChunk[sizes.Length];
        long bytes = 1;
        var first = 0;
        var covering = 0;
        for (var i = 0; i < sizes.Length; i++)
        {
            // Previous chunks are in list order: skip those that end before this chunk starts.
            while (covering < previous.Count && previous[covering].End <= first)
            {
                covering++;
            }

            var chunk = ChunkAt(list, items, first, sizes[i], previous, covering);
            if (chunk is null)
            {
                return null;
            }

            chunks[i] = chunk;
            bytes += chunk.Value.Data.Length - 1;
            first += sizes[i];
        }

        if (!ChunkedValue.IsLongEnough(items.Count, bytes))
        {
            return new StoredValue(ChunkedValue.Join(list.Tag, [.. chunks.Select(c => c.Value)]), []);
        }

        var stored = new StoredChunk[chunks.Length];
        for (var i = 0; i < chunks.Length; i++)
        {
            stored[i] = new StoredChunk(chunks[i].Version, chunks[i].Value, sizes[i], WrittenBefore(trail, i, chunks[i].Version));
        }

        return new StoredValue(ChunkedValue.Manifest(list.Tag), stored);
    }

    /// <summary>
    /// Returns where the items of the previous chunks of a trail were, with each chunk still cached for this list. Positions
    /// stop at the first chunk whose item count is unknown and cannot be counted (it left the cache before a put counted it).
    /// </summary>
    private List<PreviousChunk> PreviousChunks(ListDescription list, ChunkTrail trail)
    {
        var previous = new List<PreviousChunk>(trail.Versions.Length);
        var start = 0;
        for (var i = 0; i < trail.Versions.Length; i++)
        {
            var chunk = Cache.Get(trail.Versions[i]);
            var count = i < trail.Items.Length ? trail.Items[i] : -1;
            if (count < 0 && chunk is not null)
            {
                count = CountItems(chunk);
            }

            if (count <= 0)
            {
                break;
            }

            previous.Add(new PreviousChunk(start, count, chunk?.List == list ? chunk : null));
            start += count;
        }

        return previous;
    }

    private static int CountItems(CachedChunk chunk)
    {
        try
        {
            return chunk.ItemRanges.Count;
        }
        catch (CheckpointSerializationException)
        {
            return -1;
        }
    }

    /// <summary>
    /// The chunk for <paramref name="size"/> items from <paramref name="first"/>: the previous chunk at the same place when
    /// its items are the same objects (where identity may stand for content) or all compare equal to the cache's copies,
    /// else a new one; then, where identity may stand for content next time, the objects are remembered. Previous chunks
    /// from <paramref name="covering"/> on (the first that ends after <paramref name="first"/>) are the candidates.
    /// </summary>
    private CachedChunk? ChunkAt(ListDescription list, IList items, int first, int size, List<PreviousChunk> previous, int covering)
    {
        var twin = covering < previous.Count && previous[covering].Start == first && previous[covering].Count == size ? previous[covering].Chunk : null;

        // Sources are only remembered for objects whose identity may stand for their content (below).
        if (twin is not null && IsSameObjects(twin.Sources, items, first, size))
        {
            return twin;
        }

        var twinItems = twin is null ? null : Cache.ItemsOf(twin, _codec!);
        var chunk = twinItems is not null && twinItems.Count == size && _codec!.RangeEquals(list, items, first, twinItems)
            ? twin
            : BuildChunk(list, items, first, size, previous, covering);
        if (chunk is not null && Cache.Enabled && !list.ElementType.IsValueType && MayTrustIdentity(list, items, first, size))
        {
            var sources = new object?[size];
            for (var i = 0; i < size; i++)
            {
                sources[i] = items[first + i];
            }

            Cache.SetSources(chunk, sources);
        }

        return chunk;
    }

    /// <summary>Returns whether the items of a range are, one by one, the very objects last stored in a chunk.</summary>
    private static bool IsSameObjects(object?[]? sources, IList items, int first, int size)
    {
        if (sources is null || sources.Length != size)
        {
            return false;
        }

        for (var i = 0; i < size; i++)
        {
            if (!ReferenceEquals(sources[i], items[first + i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Returns whether an item that is the very object stored before may be taken as unchanged: always with
    /// <see cref="ChunkCacheOptions.TrustUnchangedItems"/>, otherwise only when it cannot change (<see cref="ImmutableTypes"/>).
    /// </summary>
    private bool MayTrustIdentity(ListDescription list, IList items, int first, int size) =>
        _trustUnchangedItems || (list.ElementType.IsSealed && ImmutableTypes.IsImmutable(list.ElementType)) || ImmutableTypes.AreImmutable(items, first, size);

    /// <summary>
    /// Builds one chunk. An item that is unchanged from the previous item at its place (the same object where identity
    /// may stand for content, else equal to the cache's copy), in whichever previous chunk held it, reuses that item's
    /// bytes and cached item: a merge of unchanged chunks costs a copy of their bytes and a hash. Only the other items
    /// are serialized.
    /// </summary>
    private CachedChunk? BuildChunk(ListDescription list, IList items, int first, int size, List<PreviousChunk> previous, int covering)
    {
        var pieces = new ReadOnlyMemory<byte>[size];
        var snapshots = ListItemCodec.CreateList(list, size);
        var snapshotsComplete = true;
        for (var i = 0; i < size; i++)
        {
            var position = first + i;
            while (covering < previous.Count && previous[covering].End <= position)
            {
                covering++;
            }

            var item = items[position];
            object? snapshot;
            if (covering < previous.Count && previous[covering].Chunk is { } chunk && TryReuse(list, item, chunk, position - previous[covering].Start, out var piece, out snapshot))
            {
                pieces[i] = piece;
            }
            else
            {
                byte[] json;
                try
                {
                    json = _codec!.SerializeItem(list, item);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    return null;
                }

                pieces[i] = json;
                try
                {
                    // The cache keeps what the bytes load as, never the caller's object, which the caller may still change.
                    snapshot = _codec.DeserializeItem(list, json);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    snapshotsComplete = false;
                    snapshot = null;
                }
            }

            // Once one item is missing, the chunk's items are parsed from its bytes when needed.
            snapshotsComplete &= snapshot is not null || item is null;
            if (snapshotsComplete)
            {
                Put(snapshots, i, snapshot, list);
            }
        }

        var data = new byte[1 + pieces.Sum(p => p.Length + 1)];
        var ranges = new List<(int Start, int End)>(size);
        data[0] = (byte)'[';
        var at = 1;
        foreach (var piece in pieces)
        {
            piece.Span.CopyTo(data.AsSpan(at));
            ranges.Add((at, at + piece.Length));
            at += piece.Length;
            data[at++] = (byte)',';
        }

        data[^1] = (byte)']';
        var value = new SerializedValue(list.Tag, data);
        return Cache.Add(new CachedChunk(ChunkedValue.Hash(list.Tag, data), value, list, snapshotsComplete ? snapshots : null, ranges));
    }

    /// <summary>
    /// Returns whether an item is unchanged from item <paramref name="index"/> of a previous chunk, and then that item's
    /// bytes and the cache's copy of it (<see langword="null"/> when the chunk's items are not loaded).
    /// </summary>
    private bool TryReuse(ListDescription list, object? item, CachedChunk chunk, int index, out ReadOnlyMemory<byte> piece, out object? snapshot)
    {
        piece = default;
        snapshot = null;
        var sources = chunk.Sources;
        var same = sources is not null && index < sources.Length && ReferenceEquals(sources[index], item);

        // An item settled by identity needs no compare, so the chunk's items are not parsed for it: the cache's copy is
        // taken only when already loaded (otherwise the new chunk parses its items from its bytes when needed).
        var previousItems = same ? chunk.LoadedItems : Cache.ItemsOf(chunk, _codec!);
        if (!same && (previousItems is null || index >= previousItems.Count || !_codec!.ItemEquals(list, item, previousItems[index])))
        {
            return false;
        }

        var (start, end) = chunk.ItemRanges[index];
        piece = chunk.Value.Data.AsMemory(start, end - start);
        snapshot = previousItems is not null && index < previousItems.Count ? previousItems[index] : null;
        return true;
    }

    private static bool WrittenBefore(ChunkTrail? trail, int index, string version) =>
        trail is { Written: true } && index < trail.Versions.Length && string.Equals(trail.Versions[index], version, StringComparison.Ordinal);

    /// <summary>Where the items of a previous chunk were in the list, and the chunk when the cache still holds it for the same list type.</summary>
    private readonly record struct PreviousChunk(int Start, int Count, CachedChunk? Chunk)
    {
        public int End => Start + Count;
    }
}
