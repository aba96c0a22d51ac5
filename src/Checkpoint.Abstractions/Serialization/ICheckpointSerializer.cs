namespace Checkpoint;

/// <summary>Turns channel values and pending-write values into <see cref="SerializedValue"/> pairs and back.</summary>
/// <remarks>
/// Implementations must be thread-safe. Loading must never instantiate a type named by the data unless the
/// serializer's configuration allows that type: stored bytes are untrusted input.
/// </remarks>
public interface ICheckpointSerializer
{
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
}
