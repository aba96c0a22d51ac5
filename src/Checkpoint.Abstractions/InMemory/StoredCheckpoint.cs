using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>A checkpoint row of <see cref="InMemoryThread"/>: the JSON a database would hold, plus its parsed versions for blob bookkeeping.</summary>
internal sealed record StoredCheckpoint(string CheckpointJson, string MetadataJson, string? ParentId, IReadOnlyDictionary<string, string> ChannelVersions)
{
    public JsonObject ParseMetadata() => (JsonObject)JsonNode.Parse(MetadataJson)!;
}
