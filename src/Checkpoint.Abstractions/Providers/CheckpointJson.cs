using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Providers;

/// <summary>
/// The JSON form of a checkpoint <em>without</em> its channel values, which backends store beside the per-channel
/// value blobs (the <c>checkpoint</c> column of LangGraph's Postgres schema).
/// </summary>
/// <remarks>
/// <para>
/// Keys: <c>v</c>, <c>id</c>, <c>ts</c>, <c>channel_versions</c>, <c>versions_seen</c>, <c>updated_channels</c>,
/// plus every entry of <see cref="GraphCheckpoint.AdditionalFields"/>.
/// </para>
/// <para>
/// Versions keep their JSON type: a version in the integer form (<see cref="ChannelVersion.IsInteger"/>, what
/// LangGraph.js writes) is written as a JSON number and a number is read back as its text (<c>3</c> is the version <c>"3"</c>); every other version is a JSON string. A <c>channel_values</c> object (LangGraph
/// Python keeps strings, numbers, booleans and nulls inline there) is read into <see cref="GraphCheckpoint.ChannelValues"/>.
/// </para>
/// </remarks>
public static class CheckpointJson
{
    // The buffer the last checkpoint on this thread was written into, reused by the next (a put writes one per step).
    private const int MaxKeptBuffer = 1 << 20;

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    /// <summary>Serializes a checkpoint without its channel values.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <returns>Compact JSON text.</returns>
    public static string Serialize(GraphCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.AdditionalFields is { Count: > 0 })
        {
            // Extra fields decide where the standard keys go (a field with a standard key keeps its place): the object
            // model settles that.
            return ToJsonObject(checkpoint).ToJsonString();
        }

        // The common case, written straight out: a long list references each of its chunks, and a tree of nodes per
        // reference would cost a put more than everything else it does for those chunks.
        var buffer = t_buffer ?? new System.Buffers.ArrayBufferWriter<byte>(4096);
        t_buffer = null;
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", checkpoint.V);
            writer.WriteString("id", checkpoint.Id);
            writer.WriteString("ts", checkpoint.Ts);
            writer.WritePropertyName("channel_versions");
            WriteVersions(writer, checkpoint.ChannelVersions);
            writer.WriteStartObject("versions_seen");
            foreach (var (node, versions) in checkpoint.VersionsSeen)
            {
                writer.WritePropertyName(node);
                WriteVersions(writer, versions);
            }

            writer.WriteEndObject();
            if (checkpoint.UpdatedChannels is not null)
            {
                writer.WriteStartArray("updated_channels");
                foreach (var channel in checkpoint.UpdatedChannels)
                {
                    writer.WriteStringValue(channel);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        var text = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity <= MaxKeptBuffer)
        {
            t_buffer = buffer;
        }

        return text;
    }

    /// <summary>
    /// Serializes a checkpoint with the given values inline in <c>channel_values</c>, as LangGraph Python stores its
    /// strings, numbers, booleans and nulls.
    /// </summary>
    internal static string SerializeWithInlineValues(GraphCheckpoint checkpoint, IReadOnlyDictionary<string, object?> inlineValues)
    {
        var json = ToJsonObject(checkpoint);
        var values = new JsonObject();
        foreach (var (channel, value) in inlineValues)
        {
            values[channel] = JsonValue.Create(value);
        }

        json["channel_values"] = values;
        return json.ToJsonString();
    }

    /// <summary>
    /// Returns whether LangGraph Python keeps a value inline in the checkpoint rather than in a blob: <see langword="null"/>,
    /// a string, a boolean, an integer or a finite floating-point number.
    /// </summary>
    internal static bool IsInlineValue(object? value) => value switch
    {
        null or string or bool or int or long or short or sbyte or byte or ushort or uint or ulong => true,
        double d => double.IsFinite(d),
        float f => float.IsFinite(f),
        _ => false,
    };

    /// <summary>Builds the JSON object of a checkpoint without its channel values.</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <returns>A new JSON object.</returns>
    public static JsonObject ToJsonObject(GraphCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var json = new JsonObject();
        if (checkpoint.AdditionalFields is not null)
        {
            foreach (var (key, value) in checkpoint.AdditionalFields)
            {
                json[key] = value?.DeepClone();
            }
        }

        json["v"] = checkpoint.V;
        json["id"] = checkpoint.Id;
        json["ts"] = checkpoint.Ts;
        json["channel_versions"] = ToObject(checkpoint.ChannelVersions);
        var seen = new JsonObject();
        foreach (var (node, versions) in checkpoint.VersionsSeen)
        {
            seen[node] = ToObject(versions);
        }

        json["versions_seen"] = seen;
        // Absent rather than null when unknown, as LangGraph.js writes it (LangGraph Python reads both).
        if (checkpoint.UpdatedChannels is not null)
        {
            json["updated_channels"] = new JsonArray([.. checkpoint.UpdatedChannels.Select(c => (JsonNode?)c)]);
        }
        else
        {
            json.Remove("updated_channels");
        }

        json.Remove("channel_values");
        return json;
    }

    /// <summary>Reads a checkpoint written by <see cref="Serialize"/>; its channel values are empty.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="JsonException">The text is not a checkpoint.</exception>
    public static GraphCheckpoint Deserialize(string json) =>
        FromJsonObject(JsonNode.Parse(json) as JsonObject ?? throw new JsonException("A stored checkpoint must be a JSON object."));

    /// <summary>Reads a checkpoint written by <see cref="Serialize"/> from UTF-8 bytes; its channel values are empty.</summary>
    /// <param name="utf8Json">The UTF-8 JSON.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="JsonException">The bytes are not a checkpoint.</exception>
    public static GraphCheckpoint Deserialize(ReadOnlySpan<byte> utf8Json) =>
        FromJsonObject(JsonNode.Parse(utf8Json) as JsonObject ?? throw new JsonException("A stored checkpoint must be a JSON object."));

    /// <summary>Reads a checkpoint from its JSON object; its channel values are empty.</summary>
    /// <param name="json">The JSON object (not modified).</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="JsonException">The object is not a checkpoint.</exception>
    public static GraphCheckpoint FromJsonObject(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.TryGetPropertyValue("channel_versions", out var channelVersions) && channelVersions is null)
        {
            throw new JsonException("A stored checkpoint's channel_versions is null.");
        }

        var checkpoint = new GraphCheckpoint
        {
            Id = ReadString(json["id"]) ?? throw new JsonException("A stored checkpoint has no id."),
            V = json["v"] is JsonValue v && v.TryGetValue<int>(out var version) ? version : 1,
            Ts = ReadString(json["ts"]) ?? string.Empty,
            ChannelVersions = ReadVersions(json["channel_versions"], "channel_versions"),
            UpdatedChannels = ReadUpdatedChannels(json["updated_channels"]),
        };
        switch (json["versions_seen"])
        {
            case null:
                break;
            case JsonObject seen:
                foreach (var (node, versions) in seen)
                {
                    checkpoint.VersionsSeen[node] = ReadVersions(versions, $"versions_seen of '{node}'");
                }

                break;
            default:
                throw new JsonException("A stored checkpoint's versions_seen is not a JSON object.");
        }

        JsonObject? additional = null;
        foreach (var (key, value) in json)
        {
            if (key is "v" or "id" or "ts" or "channel_versions" or "versions_seen" or "updated_channels" or "channel_values")
            {
                continue;
            }

            additional ??= [];
            additional[key] = value?.DeepClone();
        }

        checkpoint.AdditionalFields = additional;
        if (json["channel_values"] is JsonObject inline)
        {
            foreach (var (channel, value) in inline)
            {
                checkpoint.ChannelValues[channel] = value is null ? null : PlainObjectConverter.ToPlain(JsonSerializer.SerializeToElement(value));
            }
        }

        return checkpoint;
    }

    private static void WriteVersions(Utf8JsonWriter writer, Dictionary<string, string> versions)
    {
        writer.WriteStartObject();
        foreach (var (channel, version) in versions)
        {
            if (ChannelVersion.IsInteger(version))
            {
                writer.WriteNumber(channel, long.Parse(version, System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (ChunkedValue.TryGetEncodedName(channel, out var chunkChannel))
            {
                writer.WriteString(chunkChannel, version);
            }
            else
            {
                writer.WriteString(channel, version);
            }
        }

        writer.WriteEndObject();
    }

    private static JsonObject ToObject(Dictionary<string, string> versions)
    {
        var json = new JsonObject();
        foreach (var (channel, version) in versions)
        {
            json[channel] = ChannelVersion.IsInteger(version) ? JsonValue.Create(long.Parse(version, System.Globalization.CultureInfo.InvariantCulture)) : JsonValue.Create(version);
        }

        return json;
    }

    // A stored checkpoint whose versions are not an object of strings or numbers is damaged: reading it as if it had
    // no versions would return a checkpoint with no values instead of an error.
    private static Dictionary<string, string> ReadVersions(JsonNode? node, string what)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return versions;
        }

        if (node is not JsonObject json)
        {
            throw new JsonException($"A stored checkpoint's {what} is not a JSON object.");
        }

        foreach (var (channel, version) in json)
        {
            // A number (LangGraph.js) is the version's text; CheckpointJson writes it back as a number.
            versions[channel] = version is JsonValue value && value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number
                ? ReadString(version) ?? version.ToJsonString()
                : throw new JsonException($"A stored checkpoint's {what} has a version for '{channel}' that is not a string or a number.");
        }

        return versions;
    }

    private static List<string>? ReadUpdatedChannels(JsonNode? node) => node switch
    {
        null => null,
        JsonArray updated => [.. updated.Select(n => ReadString(n) ?? throw new JsonException("A stored checkpoint's updated_channels holds something other than a string."))],
        _ => throw new JsonException("A stored checkpoint's updated_channels is not a JSON array."),
    };

    private static string? ReadString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
