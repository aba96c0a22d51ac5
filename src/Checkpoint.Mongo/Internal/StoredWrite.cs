using MongoDB.Bson;

namespace Checkpoint.Mongo.Internal;

/// <summary>A pending-write document read back, with its value still encoded.</summary>
internal sealed record StoredWrite(string ThreadId, string CheckpointNs, string CheckpointId, string TaskId, string TaskPath, int Index, string Channel, BsonDocument Value);
