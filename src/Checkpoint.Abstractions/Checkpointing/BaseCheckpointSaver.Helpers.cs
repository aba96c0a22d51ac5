using Checkpoint.Providers;

namespace Checkpoint;

/// <content>Validation, serialization and tuple assembly shared by every backend.</content>
public abstract partial class BaseCheckpointSaver
{
    /// <summary>
    /// Builds a tuple from stored parts: pending writes are deserialized and ordered by task path, task id (both by
    /// code point, <see cref="CodePointComparer"/>), then index, as LangGraph orders them.
    /// </summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="checkpoint">The checkpoint, with its channel values already assembled (see <see cref="AssembleChannelValues"/>).</param>
    /// <param name="metadata">The metadata.</param>
    /// <param name="parentCheckpointId">The parent id, or <see langword="null"/>.</param>
    /// <param name="writes">The checkpoint's stored writes, in any order.</param>
    /// <returns>The tuple.</returns>
    protected CheckpointTuple CreateTuple(string threadId, string checkpointNs, GraphCheckpoint checkpoint, CheckpointMetadata metadata, string? parentCheckpointId, IEnumerable<SerializedWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(writes);
        if (RawCapture.Current is { } capture)
        {
            capture.RecordWrites(checkpoint, writes);
            writes = [];
        }
        else if (StorageOperation.Current is { } observed && CheckpointInstruments.BytesRead.Enabled)
        {
            var stored = writes as IReadOnlyCollection<SerializedWrite> ?? [.. writes];
            observed.AddBytesRead(stored.Sum(w => (long)(w.Value.Data?.Length ?? 0)));
            writes = stored;
        }

        var ordered = writes
            .OrderBy(w => w.TaskPath, CodePointComparer.Instance)
            .ThenBy(w => w.TaskId, CodePointComparer.Instance)
            .ThenBy(w => w.Index)
            .ToList();
        var pending = ordered
            .Select(w => new PendingWrite(
                w.TaskId,
                w.Channel,
                DeserializeValue(w.Value, ValueLocation.PendingWrite(threadId, checkpointNs, checkpoint.Id, w.TaskId, w.Index, w.Channel), checkpoint.Id),
                w.TaskPath))
            .ToList();
        var tuple = new CheckpointTuple(
            new RunConfig(threadId, checkpointNs, checkpoint.Id),
            checkpoint,
            metadata,
            parentCheckpointId is null ? null : new RunConfig(threadId, checkpointNs, parentCheckpointId),
            pending);
        RememberWriteIndexes(tuple, ordered);
        return tuple;
    }

    /// <summary>
    /// Fills <see cref="GraphCheckpoint.ChannelValues"/> from stored blobs: for each channel of
    /// <see cref="GraphCheckpoint.ChannelVersions"/>, the blob of that exact version, if any and not
    /// <see cref="SerializedValue.Empty"/>. Blobs of other versions are ignored. Long lists stored in chunks are
    /// joined again, and the chunk references the stored checkpoint carries in its channel versions are removed.
    /// </summary>
    /// <param name="threadId">The checkpoint's thread.</param>
    /// <param name="checkpointNs">The checkpoint's namespace.</param>
    /// <param name="checkpoint">The checkpoint read from <see cref="CheckpointJson"/>, with its channel versions as stored.</param>
    /// <param name="blobs">Candidate blobs of the checkpoint's thread and namespace: fetch one per entry of the stored channel versions.</param>
    /// <param name="cached">
    /// The chunks the backend left out of its read because the saver holds them (see <see cref="CachedChunksOf"/>);
    /// <see langword="null"/> when the backend fetched every blob the checkpoint names.
    /// </param>
    /// <returns><paramref name="checkpoint"/>, for chaining.</returns>
    /// <exception cref="CheckpointSerializationException">A value cannot be loaded.</exception>
    /// <exception cref="CorruptCheckpointException">A chunk of a long list, or the list's chunk manifest, is missing or damaged.</exception>
    protected GraphCheckpoint AssembleChannelValues(string threadId, string checkpointNs, GraphCheckpoint checkpoint, IEnumerable<SerializedBlob> blobs, CachedChunks? cached = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(blobs);
        if (RawCapture.Current is { } capture)
        {
            // A raw read keeps the stored form: no values deserialized, chunks and their references left as stored.
            capture.RecordBlobs(checkpoint, blobs);
            return checkpoint;
        }

        cached ??= CachedChunks.None;
        var found = new Dictionary<string, SerializedValue>(checkpoint.ChannelVersions.Count, StringComparer.Ordinal);
        foreach (var blob in blobs)
        {
            if (checkpoint.ChannelVersions.TryGetValue(blob.Channel, out var version) && string.Equals(version, blob.Version, StringComparison.Ordinal))
            {
                found[blob.Channel] = blob.Value;
            }
        }

        if (CheckpointInstruments.BytesRead.Enabled)
        {
            StorageOperation.Current?.AddBytesRead(found.Values.Sum(v => (long)(v.Data?.Length ?? 0)));
        }

        List<string>? references = null;
        foreach (var (channel, version) in checkpoint.ChannelVersions)
        {
            if (ChunkedValue.IsChunkChannel(channel))
            {
                (references ??= []).Add(channel);
                continue;
            }

            if (!found.TryGetValue(channel, out var value) || value.IsEmpty)
            {
                continue;
            }

            var location = ValueLocation.ChannelValue(threadId, checkpointNs, channel, version);
            checkpoint.ChannelValues[channel] = ChunkedValue.IsManifest(value)
                ? LoadChunks(threadId, checkpointNs, checkpoint, channel, value, found, cached, location)
                : DeserializeValue(value, location, checkpoint.Id);
        }

        foreach (var reference in references ?? [])
        {
            checkpoint.ChannelVersions.Remove(reference);
        }

        return checkpoint;
    }

    /// <summary>
    /// Returns the chunks of long lists this saver holds in memory for a thread: a backend may leave those blobs out of
    /// a read of the thread (so a warm read moves only what the saver lacks) and must then pass the result to
    /// <see cref="AssembleChannelValues"/>.
    /// </summary>
    /// <param name="threadId">The thread read.</param>
    /// <param name="checkpointNs">The namespace read, or <see langword="null"/> for every namespace of the thread.</param>
    /// <returns>The chunks held; <see cref="CachedChunks.None"/> when the cache is off, knows nothing of the thread, or the read is a raw read.</returns>
    protected CachedChunks CachedChunksOf(string threadId, string? checkpointNs)
    {
        ArgumentNullException.ThrowIfNull(threadId);

        // A raw read hands on what is stored, so it must fetch every blob, held or not.
        return RawCapture.Current is null ? _chunks.Cached(threadId, checkpointNs) : CachedChunks.None;
    }

    /// <summary>
    /// Returns whether a stored value is the manifest of a list stored in chunks: it can only be loaded through
    /// <see cref="AssembleChannelValues"/>, which sees its chunks. A backend reading single values another way (an
    /// optimised history query, say) falls back to the base implementation when it meets one.
    /// </summary>
    /// <param name="value">The stored value.</param>
    /// <returns><see langword="true"/> for a manifest.</returns>
    protected static bool IsChunkManifest(SerializedValue value) => ChunkedValue.IsManifest(value);

    /// <summary>Deserializes a stored value read from <paramref name="location"/>, naming the channel and checkpoint when it fails.</summary>
    /// <param name="value">The stored value.</param>
    /// <param name="location">Where the value was read from (given to the serializer, which may check the value belongs there).</param>
    /// <param name="checkpointId">The checkpoint being read, for the error message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CheckpointSerializationException">The value cannot be loaded.</exception>
    protected object? DeserializeValue(SerializedValue value, ValueLocation location, string checkpointId)
    {
        try
        {
            return Serializer.Deserialize(value, location);
        }
        catch (CheckpointSerializationException e)
        {
            var channel = location.Channel;
            throw new CheckpointSerializationException($"Cannot load the value of channel '{channel}' in checkpoint {checkpointId}: {e.Message}", channel, e.Path, e);
        }
    }

    /// <summary>Throws when any identifier of <paramref name="config"/> contains a NUL character or an unpaired surrogate (no database stores them faithfully).</summary>
    /// <param name="config">The config.</param>
    /// <exception cref="ArgumentException">An identifier contains a NUL character.</exception>
    protected static void ValidateIdentifiers(RunConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        ThrowIfHasNul(config.ThreadId, "thread_id");
        ThrowIfHasNul(config.CheckpointNs, "checkpoint_ns");
        ThrowIfHasNul(config.CheckpointId, "checkpoint_id");
    }

    /// <summary>Throws when an identifier is <see langword="null"/>, empty, or contains a NUL character or an unpaired surrogate.</summary>
    /// <param name="value">The identifier.</param>
    /// <param name="parameter">The parameter name.</param>
    /// <exception cref="ArgumentException">The identifier is invalid.</exception>
    protected static void ValidateIdentifier(string value, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameter);
        ThrowIfHasNul(value, parameter);
    }

    /// <summary>
    /// Channel names and versions are identifiers wherever they appear in the checkpoint, not only in
    /// <c>newVersions</c>: the checkpoint JSON that holds them must be storable by every backend.
    /// </summary>
    private static void ValidateChannelNames(GraphCheckpoint checkpoint)
    {
        foreach (var channel in checkpoint.ChannelValues.Keys)
        {
            ThrowIfHasNul(channel, "checkpoint.ChannelValues");
            ThrowIfReserved(channel, "checkpoint.ChannelValues");
        }

        foreach (var (channel, version) in checkpoint.ChannelVersions)
        {
            ThrowIfHasNul(channel, "checkpoint.ChannelVersions");
            ThrowIfReserved(channel, "checkpoint.ChannelVersions");
            ThrowIfHasNul(version, "checkpoint.ChannelVersions");
        }

        foreach (var (node, versions) in checkpoint.VersionsSeen)
        {
            ThrowIfHasNul(node, "checkpoint.VersionsSeen");
            foreach (var (channel, version) in versions)
            {
                ThrowIfHasNul(channel, "checkpoint.VersionsSeen");
                ThrowIfHasNul(version, "checkpoint.VersionsSeen");
            }
        }

        foreach (var channel in checkpoint.UpdatedChannels ?? [])
        {
            ThrowIfHasNul(channel, "checkpoint.UpdatedChannels");
        }
    }

    /// <summary>JSON stored beside the values (metadata, extra checkpoint fields) must be valid Unicode: UTF-8 databases would store U+FFFD instead.</summary>
    private static void ThrowIfNotUnicode(System.Text.Json.Nodes.JsonNode? json, string name)
    {
        if (UnicodeText.FindUnpairedSurrogate(json) is { } invalid)
        {
            throw new ArgumentException($"{name} cannot be stored: at {invalid.Path}, {invalid.Problem}.", name);
        }
    }

    private static void ThrowIfReserved(string channel, string name)
    {
        if (ChunkedValue.IsChunkChannel(channel))
        {
            throw new ArgumentException($"Channel names starting with U+0001 are reserved for chunked storage; '{name}' has one.", name);
        }
    }

    private static void ThrowIfHasNul(string? value, string name)
    {
        if (value is not null && Identifier.FindProblem(value) is { } problem)
        {
            throw new ArgumentException($"{name} {problem}; identifiers must be valid Unicode without NUL characters.", name);
        }
    }

    private CheckpointPutRequest PreparePut(RunConfig config, GraphCheckpoint checkpoint, CheckpointMetadata metadata, IReadOnlyDictionary<string, string> newVersions)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(newVersions);
        if (string.IsNullOrEmpty(config.ThreadId))
        {
            throw new ArgumentException("The config has no thread_id: every checkpoint belongs to a thread.", nameof(config));
        }

        ValidateIdentifiers(config);
        ValidateIdentifier(checkpoint.Id, "checkpoint.Id");
        ValidateChannelNames(checkpoint);
        ThrowIfNotUnicode(metadata.Values, nameof(metadata));
        ThrowIfNotUnicode(checkpoint.AdditionalFields, "checkpoint.AdditionalFields");
        ThrowIfHasNul(checkpoint.Ts, "checkpoint.Ts");

        // What is stored is a copy: it also lists the chunks of long lists among its channel versions.
        var stored = checkpoint.Clone();
        var ns = config.ResolvedCheckpointNs;
        var blobs = new List<SerializedBlob>(newVersions.Count);

        // LangGraph Python keeps strings, numbers, booleans and nulls inline in the checkpoint, not in blobs.
        var inline = WireFormat == CheckpointWireFormat.LangGraphPython
            ? checkpoint.ChannelValues.Where(p => CheckpointJson.IsInlineValue(p.Value)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : null;
        foreach (var (channel, version) in newVersions)
        {
            ValidateIdentifier(channel, nameof(newVersions));
            ValidateIdentifier(version, nameof(newVersions));
            if (!checkpoint.ChannelValues.TryGetValue(channel, out var channelValue))
            {
                blobs.Add(new SerializedBlob(channel, version, SerializedValue.Empty));
                continue;
            }

            if (inline?.ContainsKey(channel) == true)
            {
                continue;
            }

            var location = ValueLocation.ChannelValue(config.ThreadId, ns, channel, version);
            var value = _chunks.Store(config.ThreadId, ns, channel, channelValue, v => SerializeValue(v, location, "channel"));
            blobs.Add(new SerializedBlob(channel, version, value.Value));
            AddChunks(stored, blobs, channel, value);
        }

        // A channel this put does not rewrite keeps its stored value. Its chunks are referenced again, and sent again
        // (as written before, so a backend may send only their keys): another process may have deleted them since.
        // (LangGraph's formats are never chunked.)
        foreach (var (channel, version) in WireFormat == CheckpointWireFormat.Native ? checkpoint.ChannelVersions : [])
        {
            if (!newVersions.ContainsKey(channel) && checkpoint.ChannelValues.TryGetValue(channel, out var unchanged) && _chunks.MayBeChunked(unchanged))
            {
                var location = ValueLocation.ChannelValue(config.ThreadId, ns, channel, version);
                AddChunks(stored, blobs, channel, _chunks.Store(config.ThreadId, ns, channel, unchanged, v => SerializeValue(v, location, "channel")));
            }
        }

        return new CheckpointPutRequest(
            config.ThreadId,
            ns,
            checkpoint.Id,
            config.CheckpointId,
            stored,
            metadata,
            inline is null ? CheckpointJson.Serialize(stored) : CheckpointJson.SerializeWithInlineValues(stored, inline),
            metadata.ToJsonString(),
            blobs);
    }

    /// <summary>References the chunks of a value stored in chunks from the stored checkpoint, and adds them to the blobs to write.</summary>
    private static void AddChunks(GraphCheckpoint stored, List<SerializedBlob> blobs, string channel, StoredValue value)
    {
        stored.ChannelVersions.EnsureCapacity(stored.ChannelVersions.Count + value.Chunks.Count);
        blobs.EnsureCapacity(blobs.Count + value.Chunks.Count);
        for (var i = 0; i < value.Chunks.Count; i++)
        {
            var chunk = value.Chunks[i];
            var reference = ChunkedValue.ChannelOf(channel, i);
            stored.ChannelVersions[reference] = chunk.Version;
            blobs.Add(new SerializedBlob(reference, chunk.Version, chunk.Value) { WrittenBefore = chunk.WrittenBefore });
        }
    }

    /// <summary>
    /// Loads a list stored in chunks. The chunks are the ones the checkpoint references (a put always makes sure they
    /// exist); only a checkpoint that references none falls back to the list in the manifest, which manifests written
    /// before this release carry.
    /// </summary>
    /// <exception cref="CorruptCheckpointException">The manifest is damaged, or a chunk is missing or not a JSON list.</exception>
    private object? LoadChunks(
        string threadId, string checkpointNs, GraphCheckpoint checkpoint, string channel, SerializedValue manifest, Dictionary<string, SerializedValue> found, CachedChunks cached, ValueLocation location)
    {
        List<string> versions;
        try
        {
            versions = ChunkedValue.VersionsOf(checkpoint, channel, manifest);
        }
        catch (CheckpointSerializationException e)
        {
            throw new CorruptCheckpointException(threadId, checkpointNs, checkpoint.Id, $"its chunk manifest of channel '{channel}' cannot be read ({e.Message})", e);
        }

        var value = _chunks.Load(
            versions,
            cached,
            i => found.TryGetValue(ChunkedValue.ChannelOf(channel, i), out var chunk) ? chunk : null,
            (i, corrupt) => new CorruptCheckpointException(
                threadId,
                checkpointNs,
                checkpoint.Id,
                corrupt
                    ? $"chunk {i} of channel '{channel}' is not a non-empty JSON list"
                    : $"chunk {i} of channel '{channel}' is missing (the storage lost a blob)"),
            value => DeserializeValue(value, location, checkpoint.Id));

        // A read of one namespace tells the next put and read of the thread which chunks it builds on (unless they know).
        if (cached is { ThreadId: { } heldThread, CheckpointNs: { } heldNs } && !_chunks.Cache.IsTrail(heldThread, heldNs, channel, versions))
        {
            _chunks.Remember(heldThread, heldNs, channel, versions);
        }

        return value;
    }

    private (string ThreadId, string CheckpointNs, string CheckpointId, IReadOnlyList<SerializedWrite> Writes) PrepareWrites(RunConfig config, IReadOnlyList<ChannelWrite> writes, string taskId, string taskPath)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(writes);
        if (string.IsNullOrEmpty(config.ThreadId))
        {
            throw new ArgumentException("The config has no thread_id: pending writes belong to a checkpoint of a thread.", nameof(config));
        }

        if (string.IsNullOrEmpty(config.CheckpointId))
        {
            throw new ArgumentException("The config has no checkpoint_id: pending writes belong to a checkpoint.", nameof(config));
        }

        ValidateIdentifiers(config);
        ValidateIdentifier(taskId, nameof(taskId));
        taskPath ??= string.Empty;
        ThrowIfHasNul(taskPath, nameof(taskPath));

        var ns = config.ResolvedCheckpointNs;
        var prepared = new SerializedWrite[writes.Count];
        var ascending = true;
        for (var position = 0; position < writes.Count; position++)
        {
            var (channel, value) = writes[position];
            ValidateIdentifier(channel, nameof(writes));
            var index = SpecialChannels.GetWriteIndex(channel, position);
            var location = ValueLocation.PendingWrite(config.ThreadId, ns, config.CheckpointId, taskId, index, channel);
            prepared[position] = new SerializedWrite(taskId, taskPath, index, channel, SerializeValue(value, location, "pending write to channel"));
            ascending &= position == 0 || index > prepared[position - 1].Index;
        }

        // Regular writes are indexed by position, so they arrive in order; only special channels (negative indexes,
        // a channel written twice keeping its last value) need the keyed, sorted pass.
        return (config.ThreadId, ns, config.CheckpointId, ascending ? prepared : LastPerIndexInOrder(prepared));
    }

    private static SerializedWrite[] LastPerIndexInOrder(SerializedWrite[] writes)
    {
        var byIndex = new Dictionary<int, SerializedWrite>();
        foreach (var write in writes)
        {
            byIndex[write.Index] = write;
        }

        return [.. byIndex.Values.OrderBy(w => w.Index)];
    }

    private SerializedValue SerializeValue(object? value, ValueLocation location, string what)
    {
        try
        {
            return Serializer.Serialize(value, location);
        }
        catch (CheckpointSerializationException e)
        {
            throw CheckpointSerializationException.ForChannel(e, location.Channel!, what);
        }
    }
}
