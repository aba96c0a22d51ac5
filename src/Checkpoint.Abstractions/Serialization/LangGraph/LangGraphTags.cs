namespace Checkpoint.Serialization.LangGraph;

/// <summary>The type tags LangGraph.js and LangGraph Python store, and the reader of each.</summary>
internal static class LangGraphTags
{
    /// <summary>LangGraph.js's JSON (and LangGraph Python's legacy JSON).</summary>
    public const string Json = "json";

    /// <summary>LangGraph Python's msgpack.</summary>
    public const string Msgpack = "msgpack";

    /// <summary>Raw bytes (both runtimes; the same tag as this library's).</summary>
    public const string Bytes = "bytes";

    /// <summary>LangGraph Python's <c>bytearray</c>.</summary>
    public const string ByteArray = "bytearray";

    /// <summary>LangGraph Python's <c>None</c>, with empty data (the same tag as this library's).</summary>
    public const string Null = "null";

    /// <summary>
    /// Reads a value stored under one of LangGraph's tags. Also reads <c>empty</c>, the savers' "no value" marker, as
    /// <see langword="null"/>.
    /// </summary>
    /// <returns><see langword="false"/> when the tag is not one of LangGraph's.</returns>
    /// <exception cref="CheckpointSerializationException">The tag is LangGraph's but the bytes are not valid for it.</exception>
    public static bool TryRead(string tag, byte[] data, out object? value)
    {
        value = null;
        switch (tag)
        {
            case Json:
                value = LangGraphJsonReader.Read(data);
                return true;
            case Msgpack:
                value = LangGraphMsgpackReader.Read(data);
                return true;
            case Bytes or ByteArray:
                value = data.ToArray();
                return true;
            case Null or SerializedValue.EmptyType:
                return true;
            default:
                return false;
        }
    }
}
