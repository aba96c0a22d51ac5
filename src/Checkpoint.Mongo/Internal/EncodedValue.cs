using MongoDB.Bson;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// A serialized value ready to store: the sub-document kept in the blob or write document, and the chunk documents
/// that must be written before it when the value is too large to sit inline.
/// </summary>
/// <param name="Document">The <c>value</c> sub-document.</param>
/// <param name="Chunks">The chunk documents (empty for an inline value).</param>
/// <param name="ChunkSet">The id shared by the chunks, or <see langword="null"/> for an inline value.</param>
internal sealed record EncodedValue(BsonDocument Document, IReadOnlyList<BsonDocument> Chunks, ObjectId? ChunkSet)
{
    /// <summary>Gets whether the value is split into chunks.</summary>
    public bool IsChunked => ChunkSet is not null;
}
