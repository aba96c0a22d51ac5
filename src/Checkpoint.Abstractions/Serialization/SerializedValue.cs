namespace Checkpoint;

/// <summary>
/// A value in stored form: a type tag and the bytes (LangGraph's <c>(type, bytes)</c> pair).
/// </summary>
/// <remarks>
/// Tags produced by <see cref="JsonCheckpointSerializer"/>: <c>null</c>, <c>bytes</c>, <c>json:&lt;type&gt;</c>,
/// <c>snapshot:&lt;inner tag&gt;</c>; <see cref="EncryptedSerializer"/> appends <c>+aesgcm</c>. The tag
/// <c>empty</c> is the savers' own marker for "the channel has no value at this version" and is never produced
/// by a serializer.
/// </remarks>
/// <param name="Type">The type tag.</param>
/// <param name="Data">The payload.</param>
public readonly record struct SerializedValue(string Type, byte[] Data)
{
    /// <summary>The tag of <see cref="Empty"/>.</summary>
    public const string EmptyType = "empty";

    /// <summary>Gets the marker stored for a channel that appears in <c>newVersions</c> but has no value.</summary>
    public static SerializedValue Empty { get; } = new(EmptyType, []);

    /// <summary>Gets whether this is the <see cref="Empty"/> marker.</summary>
    public bool IsEmpty => string.Equals(Type, EmptyType, StringComparison.Ordinal);

    /// <inheritdoc />
    public bool Equals(SerializedValue other) =>
        string.Equals(Type, other.Type, StringComparison.Ordinal) && (Data ?? []).AsSpan().SequenceEqual(other.Data ?? []);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, Data?.Length ?? 0);

    /// <inheritdoc />
    public override string ToString() => $"{Type} ({Data?.Length ?? 0} bytes)";
}
