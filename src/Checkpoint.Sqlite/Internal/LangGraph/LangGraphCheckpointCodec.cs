using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// A whole checkpoint as one value, the way LangGraph's SQLite savers store it in <c>checkpoints.checkpoint</c>: a map
/// of <c>v</c>, <c>id</c>/<c>ts</c>, <c>channel_values</c>, <c>channel_versions</c>, <c>versions_seen</c> and
/// (Python) <c>updated_channels</c>, serialized by the saver's <see cref="LangGraphSerializer"/> (JSON for LangGraph.js,
/// msgpack for LangGraph Python).
/// </summary>
internal static class LangGraphCheckpointCodec
{
    public static SerializedValue Serialize(GraphCheckpoint checkpoint, ICheckpointSerializer serializer, CheckpointWireFormat format)
    {
        // Key order as each runtime builds it (LangGraph.js: emptyCheckpoint; Python: _checkpoint.py).
        var map = new Dictionary<string, object?>(StringComparer.Ordinal) { ["v"] = (long)checkpoint.V };
        if (format == CheckpointWireFormat.LangGraphPython)
        {
            map["ts"] = checkpoint.Ts;
            map["id"] = checkpoint.Id;
        }
        else
        {
            map["id"] = checkpoint.Id;
            map["ts"] = checkpoint.Ts;
        }

        map["channel_values"] = new Dictionary<string, object?>(checkpoint.ChannelValues, StringComparer.Ordinal);
        map["channel_versions"] = Versions(checkpoint.ChannelVersions);
        map["versions_seen"] = checkpoint.VersionsSeen.ToDictionary(p => p.Key, p => (object?)Versions(p.Value), StringComparer.Ordinal);
        if (checkpoint.UpdatedChannels is not null)
        {
            map["updated_channels"] = checkpoint.UpdatedChannels.ToList<object?>();
        }

        foreach (var (key, value) in checkpoint.AdditionalFields ?? [])
        {
            map.TryAdd(key, value?.DeepClone());
        }

        return serializer.Serialize(map);
    }

    /// <exception cref="CheckpointSerializationException">The value is not a checkpoint.</exception>
    public static GraphCheckpoint Deserialize(SerializedValue stored, ICheckpointSerializer serializer)
    {
        if (serializer.Deserialize(stored) is not Dictionary<string, object?> map || map.GetValueOrDefault("id") is not string id)
        {
            throw new CheckpointSerializationException($"A stored {stored.Type} checkpoint is not a checkpoint map with an id.");
        }

        var checkpoint = new GraphCheckpoint
        {
            Id = id,
            V = map.GetValueOrDefault("v") is long v ? (int)v : 1,
            Ts = map.GetValueOrDefault("ts") as string ?? string.Empty,
            ChannelVersions = ReadVersions(map.GetValueOrDefault("channel_versions")),
            UpdatedChannels = map.GetValueOrDefault("updated_channels") is List<object?> updated ? [.. updated.Select(c => c as string ?? string.Empty)] : null,
        };
        if (map.GetValueOrDefault("channel_values") is Dictionary<string, object?> values)
        {
            checkpoint.ChannelValues = new Dictionary<string, object?>(values, StringComparer.Ordinal);
        }

        if (map.GetValueOrDefault("versions_seen") is Dictionary<string, object?> seen)
        {
            foreach (var (node, versions) in seen)
            {
                checkpoint.VersionsSeen[node] = ReadVersions(versions);
            }
        }

        JsonObject? additional = null;
        foreach (var (key, value) in map)
        {
            if (key is not ("v" or "id" or "ts" or "channel_values" or "channel_versions" or "versions_seen" or "updated_channels"))
            {
                additional ??= [];
                additional[key] = value as JsonNode ?? JsonSerializer.SerializeToNode(value, JsonCheckpointSerializer.DefaultJsonSerializerOptions);
            }
        }

        checkpoint.AdditionalFields = additional;
        return checkpoint;
    }

    // Integer versions (LangGraph.js) are numbers, others strings, as CheckpointJson writes them.
    private static Dictionary<string, object?> Versions(Dictionary<string, string> versions) =>
        versions.ToDictionary(
            p => p.Key,
            p => ChannelVersion.IsInteger(p.Value) ? long.Parse(p.Value, CultureInfo.InvariantCulture) : (object?)p.Value,
            StringComparer.Ordinal);

    private static Dictionary<string, string> ReadVersions(object? value)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is Dictionary<string, object?> map)
        {
            foreach (var (channel, version) in map)
            {
                versions[channel] = version switch
                {
                    string text => text,
                    long integer => integer.ToString(CultureInfo.InvariantCulture),
                    double number => number.ToString("R", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(version, CultureInfo.InvariantCulture) ?? string.Empty,
                };
            }
        }

        return versions;
    }
}
