using System.Globalization;

namespace Checkpoint;

/// <summary>
/// Where a stored value belongs: the key a checkpointer stores it under. <see cref="BaseCheckpointSaver"/> passes it to
/// <see cref="ICheckpointSerializer.Serialize(object?, ValueLocation)"/> and
/// <see cref="ICheckpointSerializer.Deserialize(SerializedValue, ValueLocation)"/> so a serializer can bind a value to
/// its place (as <see cref="EncryptedSerializer"/> does): the same location is given when the value is read back.
/// </summary>
/// <remarks>
/// A channel value is shared by every checkpoint of its thread and namespace that has the same channel version, so its
/// location names the version, not a checkpoint. A pending write belongs to one checkpoint and is keyed by task and
/// index. The <see langword="default"/> value is <see cref="ValueLocationKind.Unspecified"/>.
/// </remarks>
public readonly record struct ValueLocation
{
    private ValueLocation(ValueLocationKind kind, string threadId, string checkpointNs, string channel, string? version, string? checkpointId, string? taskId, int writeIndex)
    {
        Kind = kind;
        ThreadId = threadId;
        CheckpointNs = checkpointNs;
        Channel = channel;
        Version = version;
        CheckpointId = checkpointId;
        TaskId = taskId;
        WriteIndex = writeIndex;
    }

    /// <summary>Gets what kind of value this location names.</summary>
    public ValueLocationKind Kind { get; }

    /// <summary>Gets the thread; <see langword="null"/> when <see cref="Kind"/> is <see cref="ValueLocationKind.Unspecified"/>.</summary>
    public string? ThreadId { get; }

    /// <summary>Gets the checkpoint namespace (<c>""</c> for the root); <see langword="null"/> when unspecified.</summary>
    public string? CheckpointNs { get; }

    /// <summary>Gets the channel the value belongs to (written to, for a pending write); <see langword="null"/> when unspecified.</summary>
    public string? Channel { get; }

    /// <summary>Gets the channel version of a <see cref="ValueLocationKind.ChannelValue"/>; otherwise <see langword="null"/>.</summary>
    public string? Version { get; }

    /// <summary>Gets the checkpoint of a <see cref="ValueLocationKind.PendingWrite"/>; otherwise <see langword="null"/>.</summary>
    public string? CheckpointId { get; }

    /// <summary>Gets the task of a <see cref="ValueLocationKind.PendingWrite"/>; otherwise <see langword="null"/>.</summary>
    public string? TaskId { get; }

    /// <summary>Gets the index of a <see cref="ValueLocationKind.PendingWrite"/> (negative for special channels); otherwise 0.</summary>
    public int WriteIndex { get; }

    /// <summary>Returns the location of a channel value.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="version">The channel version the value is stored under.</param>
    /// <returns>The location.</returns>
    public static ValueLocation ChannelValue(string threadId, string checkpointNs, string channel, string version)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        ArgumentNullException.ThrowIfNull(checkpointNs);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(version);
        return new(ValueLocationKind.ChannelValue, threadId, checkpointNs, channel, version, null, null, 0);
    }

    /// <summary>Returns the location of a pending write.</summary>
    /// <param name="threadId">The thread.</param>
    /// <param name="checkpointNs">The namespace.</param>
    /// <param name="checkpointId">The checkpoint the write belongs to.</param>
    /// <param name="taskId">The task that made the write.</param>
    /// <param name="index">The write index: its position in the task's call, or the fixed negative index of a special channel (see <see cref="SpecialChannels"/>).</param>
    /// <param name="channel">The channel written to.</param>
    /// <returns>The location.</returns>
    public static ValueLocation PendingWrite(string threadId, string checkpointNs, string checkpointId, string taskId, int index, string channel)
    {
        ArgumentNullException.ThrowIfNull(threadId);
        ArgumentNullException.ThrowIfNull(checkpointNs);
        ArgumentNullException.ThrowIfNull(checkpointId);
        ArgumentNullException.ThrowIfNull(taskId);
        ArgumentNullException.ThrowIfNull(channel);
        return new(ValueLocationKind.PendingWrite, threadId, checkpointNs, channel, null, checkpointId, taskId, index);
    }

    /// <summary>Returns a description for messages, for example <c>channel 'messages' version 0001 of thread 't' namespace ''</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        ValueLocationKind.ChannelValue => $"channel '{Channel}' version {Version} of thread '{ThreadId}' namespace '{CheckpointNs}'",
        ValueLocationKind.PendingWrite => string.Create(
            CultureInfo.InvariantCulture,
            $"pending write {WriteIndex} of task '{TaskId}' to channel '{Channel}' in checkpoint {CheckpointId} of thread '{ThreadId}' namespace '{CheckpointNs}'"),
        _ => "an unspecified location",
    };
}
