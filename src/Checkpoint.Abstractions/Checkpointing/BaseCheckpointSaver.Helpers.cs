using Checkpoint.Providers;

namespace Checkpoint;

/// <content>Validation, serialization and tuple assembly shared by every backend.</content>
public abstract partial class BaseCheckpointSaver
{
    /// <summary>
    /// Builds a tuple from stored parts: pending writes are deserialized and ordered by task id, then index.
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

        var pending = writes
            .OrderBy(w => w.TaskId, StringComparer.Ordinal)
            .ThenBy(w => w.Index)
            .Select(w => new PendingWrite(w.TaskId, w.Channel, DeserializeValue(w.Value, w.Channel, checkpoint.Id), w.TaskPath))
            .ToList();
        return new CheckpointTuple(
            new RunConfig(threadId, checkpointNs, checkpoint.Id),
            checkpoint,
            metadata,
            parentCheckpointId is null ? null : new RunConfig(threadId, checkpointNs, parentCheckpointId),
            pending);
    }

    /// <summary>
    /// Fills <see cref="GraphCheckpoint.ChannelValues"/> from stored blobs: for each channel of
    /// <see cref="GraphCheckpoint.ChannelVersions"/>, the blob of that exact version, if any and not
    /// <see cref="SerializedValue.Empty"/>. Blobs of other versions are ignored. Long lists stored in chunks are
    /// joined again, and the chunk references the stored checkpoint carries in its channel versions are removed.
    /// </summary>
    /// <param name="checkpoint">The checkpoint read from <see cref="CheckpointJson"/>, with its channel versions as stored.</param>
    /// <param name="blobs">Candidate blobs of the checkpoint's thread and namespace: fetch one per entry of the stored channel versions.</param>
    /// <param name="cached">
    /// The chunks the backend left out of its read because the saver holds them (see <see cref="CachedChunksOf"/>);
    /// <see langword="null"/> when the backend fetched every blob the checkpoint names.
    /// </param>
    /// <returns><paramref name="checkpoint"/>, for chaining.</returns>
    /// <exception cref="CheckpointSerializationException">A value, or a chunk of one, cannot be loaded.</exception>
    protected GraphCheckpoint AssembleChannelValues(GraphCheckpoint checkpoint, IEnumerable<SerializedBlob> blobs, CachedChunks? cached = null)
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
        var found = new Dictionary<string, SerializedValue>(StringComparer.Ordinal);
        foreach (var blob in blobs)
        {
            if (checkpoint.ChannelVersions.TryGetValue(blob.Channel, out var version) && string.Equals(version, blob.Version, StringComparison.Ordinal))
            {
                found[blob.Channel] = blob.Value;
            }
        }

        foreach (var channel in checkpoint.ChannelVersions.Keys)
        {
            if (ChunkedValue.IsChunkChannel(channel) || !found.TryGetValue(channel, out var value) || value.IsEmpty)
            {
                continue;
            }

            checkpoint.ChannelValues[channel] = ChunkedValue.IsManifest(value)
                ? LoadChunks(checkpoint, channel, value, found, cached)
                : DeserializeValue(value, channel, checkpoint.Id);
        }

        foreach (var reference in checkpoint.ChannelVersions.Keys.Where(ChunkedValue.IsChunkChannel).ToList())
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

    /// <summary>Deserializes a stored value, naming the channel and checkpoint when it fails.</summary>
    /// <param name="value">The stored value.</param>
    /// <param name="channel">The channel, for the error message.</param>
    /// <param name="checkpointId">The checkpoint, for the error message.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CheckpointSerializationException">The value cannot be loaded.</exception>
    protected object? DeserializeValue(SerializedValue value, string channel, string checkpointId)
    {
        try
        {
            return Serializer.Deserialize(value);
        }
        catch (CheckpointSerializationException e)
        {
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

            var value = _chunks.Store(config.ThreadId, ns, channel, channelValue, v => SerializeValue(v, channel, "channel"));
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
                AddChunks(stored, blobs, channel, _chunks.Store(config.ThreadId, ns, channel, unchanged, v => SerializeValue(v, channel, "channel")));
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
    private object? LoadChunks(GraphCheckpoint checkpoint, string channel, SerializedValue manifest, Dictionary<string, SerializedValue> found, CachedChunks cached)
    {
        var versions = ChunkedValue.VersionsOf(checkpoint, channel, manifest);
        var value = _chunks.Load(
            versions,
            cached,
            i => found.TryGetValue(ChunkedValue.ChannelOf(channel, i), out var chunk) ? chunk : null,
            (i, corrupt) => new CheckpointSerializationException(
                corrupt
                    ? $"Chunk {i} of channel '{channel}' in checkpoint {checkpoint.Id} is corrupt: it is not a non-empty JSON list."
                    : $"Chunk {i} of channel '{channel}' in checkpoint {checkpoint.Id} is missing: the storage lost a blob.",
                channel,
                null),
            value => DeserializeValue(value, channel, checkpoint.Id));

        // A read of one namespace tells the next put and read of the thread which chunks it builds on.
        if (cached is { ThreadId: { } threadId, CheckpointNs: { } ns })
        {
            _chunks.Remember(threadId, ns, channel, versions);
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

        // Keyed by index: a special channel written twice in one call keeps its last value.
        var byIndex = new Dictionary<int, SerializedWrite>();
        for (var position = 0; position < writes.Count; position++)
        {
            var (channel, value) = writes[position];
            ValidateIdentifier(channel, nameof(writes));
            var index = SpecialChannels.GetWriteIndex(channel, position);
            byIndex[index] = new SerializedWrite(taskId, taskPath, index, channel, SerializeValue(value, channel, "pending write to channel"));
        }

        return (config.ThreadId, config.ResolvedCheckpointNs, config.CheckpointId, [.. byIndex.Values.OrderBy(w => w.Index)]);
    }

    private SerializedValue SerializeValue(object? value, string channel, string what)
    {
        try
        {
            return Serializer.Serialize(value);
        }
        catch (CheckpointSerializationException e)
        {
            throw CheckpointSerializationException.ForChannel(e, channel, what);
        }
    }
}
