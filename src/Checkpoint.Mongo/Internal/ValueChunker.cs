using MongoDB.Bson;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// Splits values larger than the chunk size into chunk documents and reassembles them, so a single value can exceed
/// MongoDB's 16 MB document limit.
/// </summary>
/// <remarks>
/// An inline value is <c>{ type, data }</c>. A chunked one is <c>{ type, size, chunks, set }</c>; its bytes live in
/// <c>chunks</c> documents <c>{ thread_id, set, n, data, touched_at }</c>, numbered from 0, all written before the
/// document that refers to them. The set id is fresh for every write, so a chunk set is never shared or rewritten.
/// </remarks>
internal sealed class ValueChunker
{
    /// <summary>The largest chunk size accepted: a chunk document must stay under 16 MB with its envelope.</summary>
    public const int MaxChunkSize = 15 * 1024 * 1024;

    /// <summary>Initializes a chunker.</summary>
    /// <param name="chunkSize">Values longer than this many bytes are split into chunks of this size.</param>
    public ValueChunker(int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSize, MaxChunkSize);
        ChunkSize = chunkSize;
    }

    /// <summary>Gets the chunk size in bytes.</summary>
    public int ChunkSize { get; }

    /// <summary>Encodes a value, splitting it when it is longer than <see cref="ChunkSize"/>.</summary>
    /// <param name="threadId">The thread the value belongs to (chunks carry it, so deleting a thread finds them).</param>
    /// <param name="value">The value.</param>
    /// <param name="now">The time written to the chunks (orphaned chunks older than the grace period are removed by prune).</param>
    /// <returns>The encoded value.</returns>
    public EncodedValue Encode(string threadId, SerializedValue value, DateTime now)
    {
        var data = value.Data ?? [];
        if (data.Length <= ChunkSize)
        {
            return new EncodedValue(new BsonDocument { { Fields.Type, value.Type }, { Fields.Data, new BsonBinaryData(data) } }, [], null);
        }

        var set = ObjectId.GenerateNewId();
        var chunks = new List<BsonDocument>();
        for (var offset = 0; offset < data.Length; offset += ChunkSize)
        {
            var length = Math.Min(ChunkSize, data.Length - offset);
            chunks.Add(new BsonDocument
            {
                { Fields.ThreadId, threadId },
                { Fields.ChunkSet, set },
                { Fields.ChunkNumber, chunks.Count },
                { Fields.Data, new BsonBinaryData(data.AsSpan(offset, length).ToArray()) },
                { Fields.TouchedAt, now },
            });
        }

        var document = new BsonDocument
        {
            { Fields.Type, value.Type },
            { Fields.Size, (long)data.Length },
            { Fields.ChunkCount, chunks.Count },
            { Fields.ChunkSet, set },
        };
        return new EncodedValue(document, chunks, set);
    }

    /// <summary>Returns the chunk set a stored value refers to.</summary>
    /// <param name="value">The <c>value</c> sub-document.</param>
    /// <returns>The set id, or <see langword="null"/> for an inline value.</returns>
    public static ObjectId? GetChunkSet(BsonDocument value) =>
        value.TryGetValue(Fields.ChunkSet, out var set) && set.IsObjectId ? set.AsObjectId : null;

    /// <summary>Decodes a stored value.</summary>
    /// <param name="value">The <c>value</c> sub-document.</param>
    /// <param name="chunks">Chunk documents by set id, each list ordered by chunk number; only consulted for chunked values.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">A chunk is missing or the reassembled length is wrong.</exception>
    public static SerializedValue Decode(BsonDocument value, IReadOnlyDictionary<ObjectId, List<BsonDocument>> chunks)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value[Fields.Type].AsString;
        if (GetChunkSet(value) is not { } set)
        {
            return new SerializedValue(type, value[Fields.Data].AsByteArray);
        }

        var size = value[Fields.Size].ToInt64();
        var count = value[Fields.ChunkCount].ToInt32();
        if (!chunks.TryGetValue(set, out var parts) || parts.Count != count)
        {
            throw new InvalidOperationException($"A stored value of {size} bytes is missing chunks: {parts?.Count ?? 0} of {count} found (set {set}).");
        }

        var data = new byte[size];
        var offset = 0L;
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i][Fields.ChunkNumber].ToInt32() != i)
            {
                throw new InvalidOperationException($"Chunk {i} of set {set} is missing.");
            }

            var bytes = parts[i][Fields.Data].AsByteArray;
            if (offset + bytes.Length > size)
            {
                throw new InvalidOperationException($"The chunks of set {set} hold more than the {size} bytes recorded.");
            }

            bytes.CopyTo(data, offset);
            offset += bytes.Length;
        }

        return offset == size
            ? new SerializedValue(type, data)
            : throw new InvalidOperationException($"The chunks of set {set} hold {offset} bytes, not the {size} recorded.");
    }

    /// <summary>Groups chunk documents by set, each ordered by chunk number.</summary>
    /// <param name="chunks">Chunk documents in any order.</param>
    /// <returns>The chunks by set id.</returns>
    public static Dictionary<ObjectId, List<BsonDocument>> GroupChunks(IEnumerable<BsonDocument> chunks) =>
        chunks.GroupBy(c => c[Fields.ChunkSet].AsObjectId)
              .ToDictionary(g => g.Key, g => g.OrderBy(c => c[Fields.ChunkNumber].ToInt32()).ToList());
}
