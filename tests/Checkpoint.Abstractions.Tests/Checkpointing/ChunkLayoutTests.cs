namespace Checkpoint.Abstractions.Tests.Checkpointing;

/// <summary>
/// Where a long list is cut depends on its item count alone: chunks of 16·4^k items (at most 4,096), largest first, then
/// a tail, so a checkpoint references a number of chunks that grows with the logarithm of the list.
/// </summary>
public sealed class ChunkLayoutTests
{
    [Fact]
    public void Every_count_is_cut_into_chunks_that_cover_it_largest_first_with_at_most_three_of_each_size_below_the_largest()
    {
        for (var count = 0; count <= 20_000; count++)
        {
            var sizes = ChunkedValue.Layout(count);

            Assert.Equal(count, sizes.Sum());
            Assert.Equal(sizes.OrderDescending(), sizes);
            Assert.All(sizes.SkipLast(1), size => Assert.True(IsFullChunk(size), $"{count} items: a chunk of {size} items before the last"));
            Assert.True(sizes.Length == 0 || IsFullChunk(sizes[^1]) || sizes[^1] < ChunkedValue.LeafItems);
            Assert.All(sizes.Where(s => s < ChunkedValue.MaxChunkItems).CountBy(s => s), group => Assert.InRange(group.Value, 1, ChunkedValue.Fanout - 1));
        }
    }

    [Theory]
    [InlineData(53, new[] { 16, 16, 16, 5 })]
    [InlineData(65, new[] { 64, 1 })]
    [InlineData(100, new[] { 64, 16, 16, 4 })]
    [InlineData(200, new[] { 64, 64, 64, 8 })]
    [InlineData(255, new[] { 64, 64, 64, 16, 16, 16, 15 })]
    [InlineData(256, new[] { 256 })]
    [InlineData(10_000, new[] { 4_096, 4_096, 1_024, 256, 256, 256, 16 })]
    [InlineData(10_001, new[] { 4_096, 4_096, 1_024, 256, 256, 256, 16, 1 })]
    public void A_count_is_cut_as_its_leaves_are_written_in_base_four(int count, int[] sizes) =>
        Assert.Equal(sizes, ChunkedValue.Layout(count));

    [Fact]
    public void Below_256_items_the_chunks_of_64_items_written_by_earlier_releases_are_chunks_of_this_layout_too()
    {
        for (var count = ChunkedValue.MinimumItems + 1; count < 256; count++)
        {
            Assert.Equal(Enumerable.Repeat(64, count / 64), ChunkedValue.Layout(count).Take(count / 64));
        }
    }

    [Fact]
    public void No_chunk_exceeds_the_largest_size_and_longer_lists_get_more_of_them()
    {
        var sizes = ChunkedValue.Layout(100_000);

        Assert.Equal(ChunkedValue.MaxChunkItems, sizes.Max());
        Assert.Equal(100_000 / ChunkedValue.MaxChunkItems, sizes.Count(s => s == ChunkedValue.MaxChunkItems));
        Assert.Equal(4_096, ChunkedValue.MaxChunkItems);
    }

    [Fact]
    public void A_chunk_that_starts_at_the_same_item_has_the_same_index_in_every_layout()
    {
        // Backends key a chunk by its reference (which carries its index) and version, so a chunk kept from one count to
        // the next must keep its index for the stored blob to be shared.
        var indexByStart = new Dictionary<(int Start, int Size), int>();
        for (var count = 0; count <= 5_000; count++)
        {
            var start = 0;
            var sizes = ChunkedValue.Layout(count);
            for (var index = 0; index < sizes.Length; index++)
            {
                Assert.Equal(indexByStart.GetValueOrDefault((start, sizes[index]), index), index);
                indexByStart[(start, sizes[index])] = index;
                start += sizes[index];
            }
        }
    }

    [Fact]
    public void A_growing_list_references_a_number_of_chunks_that_grows_with_its_logarithm()
    {
        Assert.Equal(13, Enumerable.Range(0, 4_096).Max(count => ChunkedValue.Layout(count).Length));
        Assert.InRange(ChunkedValue.Layout(10_000).Length, 1, 10);
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkedValue.Layout(-1));
    }

    private static bool IsFullChunk(int size)
    {
        for (var full = ChunkedValue.LeafItems; full <= ChunkedValue.MaxChunkItems; full *= ChunkedValue.Fanout)
        {
            if (size == full)
            {
                return true;
            }
        }

        return false;
    }
}
