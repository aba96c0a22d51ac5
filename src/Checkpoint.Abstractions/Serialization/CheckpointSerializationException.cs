namespace Checkpoint;

/// <summary>
/// Thrown when a value cannot be serialized or deserialized. Names the channel (when known) and the path of the
/// offending part inside the value, for example <c>$.items[2].Callback</c>.
/// </summary>
public sealed class CheckpointSerializationException : Exception
{
    /// <summary>Initializes a new instance.</summary>
    public CheckpointSerializationException()
    {
    }

    /// <summary>Initializes a new instance with a message.</summary>
    /// <param name="message">The message.</param>
    public CheckpointSerializationException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CheckpointSerializationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance with full detail.</summary>
    /// <param name="message">The message.</param>
    /// <param name="channel">The channel whose value failed, when known.</param>
    /// <param name="path">The JSON path inside the value, when known.</param>
    /// <param name="innerException">The cause.</param>
    public CheckpointSerializationException(string message, string? channel, string? path, Exception? innerException = null)
        : base(message, innerException)
    {
        Channel = channel;
        Path = path;
    }

    /// <summary>Gets the channel whose value failed, when known.</summary>
    public string? Channel { get; }

    /// <summary>Gets the JSON path of the offending part inside the value (for example <c>$.items[2]</c>), when known.</summary>
    public string? Path { get; }

    /// <summary>Returns a copy of <paramref name="inner"/> that also names <paramref name="channel"/>.</summary>
    /// <param name="inner">The exception raised by the serializer.</param>
    /// <param name="channel">The channel being serialized.</param>
    /// <param name="what">What was being serialized, for the message (for example "channel" or "pending write to channel").</param>
    /// <returns>The new exception.</returns>
    public static CheckpointSerializationException ForChannel(CheckpointSerializationException inner, string channel, string what = "channel")
    {
        ArgumentNullException.ThrowIfNull(inner);
        return new CheckpointSerializationException($"Cannot serialize the value of {what} '{channel}': {inner.Message}", channel, inner.Path, inner);
    }
}
