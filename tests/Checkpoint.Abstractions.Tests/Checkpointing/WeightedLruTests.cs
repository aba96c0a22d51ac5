namespace Checkpoint.Abstractions.Tests.Checkpointing;

/// <summary>The bounded map behind the chunk cache: recency order, the weight bound, and growth of an entry's weight.</summary>
public sealed class WeightedLruTests
{
    [Fact]
    public void Adding_past_the_limit_evicts_the_least_recently_used_entries()
    {
        var lru = new WeightedLru<string, int>(10);
        lru.GetOrAdd("a", 1, 4);
        lru.GetOrAdd("b", 2, 4);
        Assert.True(lru.TryGet("a", out _));

        lru.GetOrAdd("c", 3, 4);

        Assert.True(lru.TryGet("a", out var a));
        Assert.Equal(1, a);
        Assert.False(lru.TryGet("b", out _));
        Assert.True(lru.TryGet("c", out _));
        Assert.Equal(8, lru.Weight);
    }

    [Fact]
    public void Adding_an_existing_key_keeps_the_first_value()
    {
        var lru = new WeightedLru<string, string>(100);

        var first = lru.GetOrAdd("k", "first", 1);
        var second = lru.GetOrAdd("k", "second", 1);

        Assert.Equal("first", first);
        Assert.Equal("first", second);
        Assert.Equal(1, lru.Count);
    }

    [Fact]
    public void Growing_an_entry_evicts_others_to_stay_within_the_limit()
    {
        var lru = new WeightedLru<int, int>(10);
        lru.GetOrAdd(1, 1, 3);
        lru.GetOrAdd(2, 2, 3);
        lru.GetOrAdd(3, 3, 3);

        Assert.True(lru.TryGet(1, out _));

        lru.AddWeight(3, 2);

        Assert.False(lru.TryGet(2, out _));
        Assert.True(lru.TryGet(1, out _));
        Assert.True(lru.TryGet(3, out _));
        Assert.Equal(8, lru.Weight);
    }

    [Fact]
    public void A_limit_of_zero_keeps_nothing_and_an_entry_heavier_than_the_limit_is_not_kept()
    {
        var off = new WeightedLru<int, int>(0);
        var small = new WeightedLru<int, int>(5);

        Assert.Equal(7, off.GetOrAdd(1, 7, 1));
        Assert.Equal(8, small.GetOrAdd(1, 8, 6));
        small.Set(2, 9, 6);

        Assert.Equal(0, off.Count);
        Assert.Equal(0, small.Count);
    }

    [Fact]
    public void Set_replaces_and_remove_forgets()
    {
        var lru = new WeightedLru<int, string>(10);
        lru.Set(1, "one", 2);
        lru.Set(1, "uno", 3);
        Assert.True(lru.TryGet(1, out var value));
        Assert.Equal("uno", value);
        Assert.Equal(3, lru.Weight);

        lru.Remove(1);

        Assert.False(lru.TryGet(1, out _));
        Assert.Equal(0, lru.Weight);
    }
}
