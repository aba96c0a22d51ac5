namespace Checkpoint;

/// <summary>Turns channel values and pending-write values into <see cref="SerializedValue"/> pairs and back.</summary>
/// <remarks>
/// <para>
/// Implementations must be thread-safe. Loading must never instantiate a type named by the data unless the
/// serializer's configuration allows that type: stored bytes are untrusted input.
/// </para>
/// <para>
/// Checkpointers call the overloads that take a <see cref="ValueLocation"/>: the key the value is stored under, given
/// again when it is read back. Their default implementations ignore the location, so a serializer that does not bind
/// values to their place implements only <see cref="Serialize(object?)"/> and <see cref="Deserialize(SerializedValue)"/>.
/// </para>
/// </remarks>
public interface ICheckpointSerializer
{
    /// <summary>
    /// Gets whether a value serialized for one <see cref="ValueLocation"/> can be read only at that location (as with
    /// <see cref="EncryptedSerializer"/>). Checkpointers then copy a value to another place (copying a thread) by
    /// reading it and serializing it again, never by copying its bytes.
    /// </summary>
    bool BindsLocation => false;

    /// <summary>Serializes a value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The tagged bytes.</returns>
    /// <exception cref="CheckpointSerializationException">The value, or something inside it, cannot be serialized.</exception>
    SerializedValue Serialize(object? value);

    /// <summary>Deserializes a value.</summary>
    /// <param name="value">The tagged bytes.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CheckpointSerializationException">The tag is not allowed or the bytes are not valid for it.</exception>
    object? Deserialize(SerializedValue value);

    /// <summary>Serializes a value that will be stored at <paramref name="location"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="location">Where the value will be stored.</param>
    /// <returns>The tagged bytes.</returns>
    /// <exception cref="CheckpointSerializationException">The value, or something inside it, cannot be serialized.</exception>
    SerializedValue Serialize(object? value, ValueLocation location) => Serialize(value);

    /// <summary>Deserializes a value read from <paramref name="location"/>.</summary>
    /// <param name="value">The tagged bytes.</param>
    /// <param name="location">Where the value was read from.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CheckpointSerializationException">The tag is not allowed, the bytes are not valid for it, or the value does not belong at <paramref name="location"/>.</exception>
    object? Deserialize(SerializedValue value, ValueLocation location) => Deserialize(value);
}
