using Checkpoint.Providers;
using static Checkpoint.Abstractions.Tests.Checkpointing.ListChannel;

namespace Checkpoint.Abstractions.Tests.Checkpointing;

/// <summary>Long lists are stored in shared chunks: a step that appends one item stores one new chunk, not the list.</summary>
public sealed class ChunkedStorageTests
{
    [Fact]
    public void Appending_one_item_stores_only_the_last_chunk_and_a_new_manifest()
    {
        var saver = new InMemorySaver();
        var threadId = "chunked-" + Guid.NewGuid().ToString("N");
        var first = Put(saver, RunConfig.ForThread(threadId), Items(300), "1");
        var blobsAfterFirst = BlobCount(saver, threadId);

        Put(saver, first, Items(301), "2");

        // 300 items: chunks of 256, 16 and 16 items and a tail of 12, plus the manifest.
        Assert.Equal(5, blobsAfterFirst);
        // 301 items: the 3 full chunks are shared; the tail (13 items) and the manifest are new.
        Assert.Equal(7, BlobCount(saver, threadId));
        Assert.Equal(Items(301), saver.GetTuple(RunConfig.ForThread(threadId))!.Checkpoint.ChannelValues["messages"]);
    }

    [Fact]
    public void A_list_stored_in_chunks_of_64_items_by_an_earlier_release_still_reads_and_a_put_on_top_cuts_it_anew()
    {
        var database = new InMemoryCheckpointDatabase();
        var old = PutInChunksOf64(new InMemorySaver(database), "old", Items(300));
        var saver = new InMemorySaver(database);

        Assert.Equal(5, ChunkReferences(saver, old).Count);
        Assert.Equal(Items(300), saver.GetTuple(old)!.Checkpoint.ChannelValues["messages"]);
        Assert.Equal(Items(300), saver.GetTuple(old)!.Checkpoint.ChannelValues["messages"]);
        var next = Put(saver, old, Items(301), "2");

        // Chunks of 256, 16 and 16 items and a tail of 13: the first 64 items of the old layout are the start of the first chunk.
        Assert.Equal(4, ChunkReferences(saver, next).Count);
        Assert.Equal(Items(301), new InMemorySaver(database).GetTuple(next)!.Checkpoint.ChannelValues["messages"]);
        Assert.Equal(Items(300), new InMemorySaver(database).GetTuple(old)!.Checkpoint.ChannelValues["messages"]);
    }

    [Fact]
    public void A_list_of_ten_thousand_items_is_stored_in_seven_chunks_of_at_most_4096_items()
    {
        var database = new InMemoryCheckpointDatabase();
        var saver = new InMemorySaver(database);
        var config = Put(saver, RunConfig.ForThread("long"), Items(10_000), "1");

        var chunks = database.Threads["long"].Blobs.Where(b => b.Key.Channel.StartsWith('\u0001')).ToList();

        Assert.Equal(7, ChunkReferences(saver, config).Count);
        Assert.Equal(new[] { 4_096, 4_096, 1_024, 256, 256, 256, 16 }, chunks.OrderBy(c => c.Key.Channel, StringComparer.Ordinal).Select(c => ChunkedValue.ItemRanges(c.Value.Data)!.Count));
        Assert.Equal(Items(10_000), new InMemorySaver(database).GetTuple(config)!.Checkpoint.ChannelValues["messages"]);
    }

    [Fact]
    public void Short_lists_and_other_values_are_stored_whole()
    {
        var saver = new InMemorySaver();
        var threadId = "whole-" + Guid.NewGuid().ToString("N");

        Put(saver, RunConfig.ForThread(threadId), Items(60), "1");

        Assert.Equal(1, BlobCount(saver, threadId));
    }

    [Fact]
    public void Chunk_references_never_reach_callers()
    {
        var saver = new InMemorySaver();
        var threadId = "hidden-" + Guid.NewGuid().ToString("N");
        Put(saver, RunConfig.ForThread(threadId), Items(500), "1");

        var tuple = saver.GetTuple(RunConfig.ForThread(threadId))!;

        Assert.Equal(["messages"], tuple.Checkpoint.ChannelVersions.Keys);
        Assert.Contains("\\u0001", saver.Database.Threads[threadId].Namespaces[string.Empty].Values.Single().CheckpointJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"not\": \"a list\"}")]
    public void A_corrupt_or_missing_chunk_fails_the_read_with_the_channel_named(string damaged)
    {
        var saver = new InMemorySaver();
        var threadId = "corrupt-" + Guid.NewGuid().ToString("N");
        Put(saver, RunConfig.ForThread(threadId), Items(300), "1");
        var blobs = saver.Database.Threads[threadId].Blobs;
        var chunk = blobs.Keys.First(k => k.Channel.StartsWith('\u0001'));
        if (damaged.Length == 0)
        {
            blobs.Remove(chunk);
        }
        else
        {
            blobs[chunk] = new SerializedValue(blobs[chunk].Type, System.Text.Encoding.UTF8.GetBytes(damaged));
        }

        // A new saver: the one that wrote the list still has its chunks in its cache, keyed by their content.
        var reader = new InMemorySaver(saver.Database);
        var error = Assert.Throws<CorruptCheckpointException>(() => reader.GetTuple(RunConfig.ForThread(threadId)));

        Assert.Contains("'messages'", error.Message, StringComparison.Ordinal);
        Assert.Equal(threadId, error.ThreadId);
    }

    [Theory]
    [InlineData("\"a \\\"quoted\\\" ], { text\"")]
    [InlineData("{\"nested\": [1, [2, {\"x\": \"]\"}]], \"s\": \"\\\\\"}")]
    [InlineData(" 42 ")]
    [InlineData("\"\u00e9t\u00e9 \ud83d\ude00\"")]
    public void Splitting_then_joining_gives_back_the_exact_bytes(string item)
    {
        // Leading whitespace makes even small items reach the size at which lists are split.
        var json = "[" + new string(' ', ChunkedValue.MinimumBytes) + string.Join(",", Enumerable.Repeat(item, 200)) + "]";
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var value = new SerializedValue("json:list<any>", bytes);

        var chunks = ChunkedValue.Cut(value);

        Assert.NotNull(chunks);
        Assert.Equal(4, chunks.Count);
        Assert.Equal(bytes, ChunkedValue.Join(value.Type, [.. chunks.Select(c => new SerializedValue(value.Type, c.Data))]).Data);
    }

    [Theory]
    [InlineData("[1,,2]")]
    [InlineData("[1,2,]")]
    [InlineData("[1,2] ")]
    [InlineData("[\"unterminated]")]
    [InlineData("{\"a\": 1}")]
    public void Data_that_is_not_one_json_list_is_not_split(string json)
    {
        Assert.Null(ChunkedValue.ItemRanges(System.Text.Encoding.UTF8.GetBytes(json)));
    }

    private static int BlobCount(InMemorySaver saver, string threadId) => saver.Database.Threads[threadId].Blobs.Count;

    private static List<string> Items(int count) => [.. Enumerable.Range(0, count).Select(i => $"message {i:D4} " + new string('x', 200))];
}
