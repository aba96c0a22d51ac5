using Checkpoint.Serialization.LangGraph;

namespace Checkpoint;

/// <summary>
/// An <see cref="ICheckpointSerializer"/> that writes values the way a LangGraph runtime stores them, so LangGraph.js or
/// LangGraph Python can read (and continue) a thread this library writes. Savers use it when their wire format is
/// <see cref="CheckpointWireFormat.LangGraphJs"/> or <see cref="CheckpointWireFormat.LangGraphPython"/>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="CheckpointWireFormat.LangGraphJs"/> writes <c>json</c> (UTF-8 JSON with LangChain <c>lc</c> messages, as
/// <c>@langchain/langgraph-checkpoint</c>'s serializer) and <c>bytes</c> for a <see cref="byte"/> array.
/// <see cref="CheckpointWireFormat.LangGraphPython"/> writes <c>msgpack</c> (as <c>langgraph-checkpoint</c>'s
/// <c>JsonPlusSerializer</c>), <c>bytes</c> and <c>null</c>.
/// </para>
/// <para>
/// Reading accepts every LangGraph tag (<c>json</c>, <c>msgpack</c>, <c>bytes</c>, <c>bytearray</c>, <c>null</c>,
/// <c>empty</c>) whatever the format, and hands any other tag (this library's own <c>json:&lt;type&gt;</c> values) to the
/// fallback serializer. Only allow-listed LangChain message classes and Python standard types are mapped; no type is
/// ever resolved from a stored name.
/// </para>
/// </remarks>
public sealed class LangGraphSerializer : ICheckpointSerializer
{
    private readonly ICheckpointSerializer _fallback;

    /// <summary>Initializes a serializer.</summary>
    /// <param name="format"><see cref="CheckpointWireFormat.LangGraphJs"/> or <see cref="CheckpointWireFormat.LangGraphPython"/>.</param>
    /// <param name="fallback">Reads values in tags that are not LangGraph's; <see cref="JsonCheckpointSerializer.Default"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a LangGraph format.</exception>
    public LangGraphSerializer(CheckpointWireFormat format, ICheckpointSerializer? fallback = null)
    {
        if (format is not (CheckpointWireFormat.LangGraphJs or CheckpointWireFormat.LangGraphPython))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "A LangGraphSerializer writes LangGraphJs or LangGraphPython.");
        }

        Format = format;
        _fallback = fallback ?? JsonCheckpointSerializer.Default;
    }

    /// <summary>Gets a serializer that writes LangGraph.js's format.</summary>
    public static LangGraphSerializer Js { get; } = new(CheckpointWireFormat.LangGraphJs);

    /// <summary>Gets a serializer that writes LangGraph Python's format.</summary>
    public static LangGraphSerializer Python { get; } = new(CheckpointWireFormat.LangGraphPython);

    /// <summary>Gets the format this serializer writes.</summary>
    public CheckpointWireFormat Format { get; }

    /// <inheritdoc />
    public SerializedValue Serialize(object? value)
    {
        if (value is byte[] bytes)
        {
            return new SerializedValue(LangGraphTags.Bytes, bytes.ToArray());
        }

        if (Format == CheckpointWireFormat.LangGraphPython)
        {
            return value is null ? new SerializedValue(LangGraphTags.Null, []) : new SerializedValue(LangGraphTags.Msgpack, LangGraphMsgpackWriter.Write(value));
        }

        return new SerializedValue(LangGraphTags.Json, LangGraphJsonWriter.Write(value));
    }

    /// <inheritdoc />
    /// <remarks>Follows the fallback: LangGraph's own values are not bound to a place, but values the fallback reads may be.</remarks>
    public bool BindsLocation => _fallback.BindsLocation;

    /// <inheritdoc />
    public object? Deserialize(SerializedValue value) => Deserialize(value, default);

    /// <inheritdoc />
    /// <remarks>LangGraph's tags are read wherever they are; any other tag goes to the fallback with its location.</remarks>
    public object? Deserialize(SerializedValue value, ValueLocation location)
    {
        var tag = value.Type ?? throw new CheckpointSerializationException("The stored value has no type tag.");
        return LangGraphTags.TryRead(tag, value.Data ?? [], out var read) ? read : _fallback.Deserialize(value, location);
    }
}
