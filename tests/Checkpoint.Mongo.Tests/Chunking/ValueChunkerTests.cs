using Checkpoint.Mongo.Internal;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Tests.Chunking;

public sealed class ValueChunkerTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_value_no_longer_than_the_chunk_size_stays_inline()
    {
        var encoded = new ValueChunker(4).Encode("t1", new SerializedValue("json:string", [1, 2, 3, 4]), Now);

        Assert.False(encoded.IsChunked);
        Assert.Empty(encoded.Chunks);
        Assert.Equal(new BsonDocument { { "type", "json:string" }, { "data", new BsonBinaryData([1, 2, 3, 4]) } }, encoded.Document);
    }

    [Fact]
    public void A_longer_value_is_split_into_numbered_chunks_that_carry_its_thread()
    {
        var encoded = new ValueChunker(4).Encode("t1", new SerializedValue("bytes", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), Now);

        var set = Assert.IsType<ObjectId>(encoded.ChunkSet);
        Assert.Equal(new BsonDocument { { "type", "bytes" }, { "size", 10L }, { "chunks", 3 }, { "set", set } }, encoded.Document);
        Assert.Equal(
            [
                new BsonDocument { { "thread_id", "t1" }, { "set", set }, { "n", 0 }, { "data", new BsonBinaryData([1, 2, 3, 4]) }, { "touched_at", Now } },
                new BsonDocument { { "thread_id", "t1" }, { "set", set }, { "n", 1 }, { "data", new BsonBinaryData([5, 6, 7, 8]) }, { "touched_at", Now } },
                new BsonDocument { { "thread_id", "t1" }, { "set", set }, { "n", 2 }, { "data", new BsonBinaryData([9, 10]) }, { "touched_at", Now } },
            ],
            encoded.Chunks);
    }

    [Fact]
    public void A_value_larger_than_16_MB_is_stored_in_documents_under_the_limit_and_reads_back_whole()
    {
        var data = new byte[(17 * 1024 * 1024) + 3];
        new Random(42).NextBytes(data);
        var encoded = new ValueChunker(MongoSaverOptions.DefaultChunkSize).Encode("t1", new SerializedValue("bytes", data), Now);

        Assert.Equal(3, encoded.Chunks.Count);
        Assert.All(encoded.Chunks, c => Assert.True(c.ToBson().Length < 16 * 1024 * 1024));

        // Reassembly works on chunks in any order, as a query may return them.
        var read = ValueChunker.Decode(BsonDocument.Parse(encoded.Document.ToJson()), ValueChunker.GroupChunks(encoded.Chunks.Reverse()));

        Assert.Equal("bytes", read.Type);
        Assert.Equal(data, read.Data);
    }

    [Fact]
    public void A_missing_chunk_is_reported_instead_of_returning_a_torn_value()
    {
        var encoded = new ValueChunker(2).Encode("t1", new SerializedValue("bytes", [1, 2, 3, 4, 5]), Now);

        var error = Assert.Throws<InvalidOperationException>(() => ValueChunker.Decode(encoded.Document, ValueChunker.GroupChunks(encoded.Chunks.Skip(1))));

        Assert.Contains("missing chunks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_empty_marker_is_stored_inline_and_reads_back_empty()
    {
        var encoded = new ValueChunker(1).Encode("t1", SerializedValue.Empty, Now);

        Assert.True(ValueChunker.Decode(encoded.Document, new Dictionary<ObjectId, List<BsonDocument>>()).IsEmpty);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(ValueChunker.MaxChunkSize + 1)]
    public void A_chunk_size_outside_1_byte_to_15_MiB_is_rejected(int chunkSize)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValueChunker(chunkSize));
    }
}
