namespace Checkpoint;

/// <summary>What kind of stored value a <see cref="ValueLocation"/> names.</summary>
public enum ValueLocationKind
{
    /// <summary>No location: the value was serialized outside a checkpointer (a direct call to the serializer).</summary>
    Unspecified = 0,

    /// <summary>A channel value, keyed by thread, namespace, channel and version (one row of <c>checkpoint_blobs</c>).</summary>
    ChannelValue = 1,

    /// <summary>A pending write, keyed by thread, namespace, checkpoint, task and index (one row of <c>checkpoint_writes</c>).</summary>
    PendingWrite = 2,
}
