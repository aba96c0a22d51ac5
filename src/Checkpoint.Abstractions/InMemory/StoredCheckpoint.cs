using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>A checkpoint row of <see cref="InMemoryThread"/>: the JSON a database would hold, plus its parsed versions for blob bookkeeping.</summary>
internal sealed record StoredCheckpoint(string CheckpointJson, string MetadataJson, string? ParentId, IReadOnlyDictionary<string, string> ChannelVersions)
{
    /// <summary>Returns the metadata object, or <see langword="null"/> when the stored metadata is damaged (it then matches no run).</summary>
    public JsonObject? TryParseMetadata()
    {
        try
        {
            return JsonNode.Parse(MetadataJson) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Returns the checkpoint's timestamp, or <see langword="null"/> when it is missing, unparsable or the stored JSON is damaged (such checkpoints are kept by age-based pruning).</summary>
    public DateTimeOffset? TryGetTimestamp()
    {
        try
        {
            return Providers.CheckpointJson.Deserialize(CheckpointJson).TryGetTimestamp();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
