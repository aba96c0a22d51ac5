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
    /// <see cref="SerializedValue.Empty"/>. Blobs of other versions are ignored.
    /// </summary>
    /// <param name="checkpoint">The checkpoint read from <see cref="CheckpointJson"/>.</param>
    /// <param name="blobs">Candidate blobs of the checkpoint's thread and namespace.</param>
    /// <returns><paramref name="checkpoint"/>, for chaining.</returns>
    protected GraphCheckpoint AssembleChannelValues(GraphCheckpoint checkpoint, IEnumerable<SerializedBlob> blobs)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(blobs);
        foreach (var blob in blobs)
        {
            if (!blob.Value.IsEmpty
                && checkpoint.ChannelVersions.TryGetValue(blob.Channel, out var version)
                && string.Equals(version, blob.Version, StringComparison.Ordinal))
            {
                checkpoint.ChannelValues[blob.Channel] = DeserializeValue(blob.Value, blob.Channel, checkpoint.Id);
            }
        }

        return checkpoint;
    }

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
        }

        foreach (var (channel, version) in checkpoint.ChannelVersions)
        {
            ThrowIfHasNul(channel, "checkpoint.ChannelVersions");
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
        var blobs = new List<SerializedBlob>(newVersions.Count);
        foreach (var (channel, version) in newVersions)
        {
            ValidateIdentifier(channel, nameof(newVersions));
            ValidateIdentifier(version, nameof(newVersions));
            var value = checkpoint.ChannelValues.TryGetValue(channel, out var channelValue)
                ? SerializeValue(channelValue, channel, "channel")
                : SerializedValue.Empty;
            blobs.Add(new SerializedBlob(channel, version, value));
        }

        return new CheckpointPutRequest(
            config.ThreadId,
            config.ResolvedCheckpointNs,
            checkpoint.Id,
            config.CheckpointId,
            checkpoint,
            metadata,
            CheckpointJson.Serialize(checkpoint),
            metadata.ToJsonString(),
            blobs);
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
