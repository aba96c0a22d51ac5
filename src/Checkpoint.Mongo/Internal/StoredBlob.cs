using MongoDB.Bson;

namespace Checkpoint.Mongo.Internal;

/// <summary>A channel-value document read back, with its value still encoded.</summary>
internal sealed record StoredBlob(string ThreadId, string CheckpointNs, string Channel, string Version, BsonDocument Value);
