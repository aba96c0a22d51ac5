namespace Checkpoint.Abstractions.Tests.Model;

public sealed class ChannelVersionTests
{
    [Fact]
    public void Next_version_of_a_new_channel_has_counter_one_in_langgraph_format()
    {
        var version = ChannelVersion.Next(null);

        Assert.Matches("^0{31}1\\.[0-9]{16}$", version);
        Assert.Equal(1, ChannelVersion.GetCounter(version));
    }

    [Fact]
    public void Counters_increase_and_order_ordinally_like_numbers()
    {
        var version = ChannelVersion.Next(null);
        var seen = new List<string> { version };
        for (var i = 0; i < 120; i++)
        {
            version = ChannelVersion.Next(version);
            seen.Add(version);
        }

        Assert.Equal(121, ChannelVersion.GetCounter(version));
        Assert.Equal(seen, seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Versions_from_diverging_branches_differ()
    {
        var parent = ChannelVersion.Next(null);

        Assert.NotEqual(ChannelVersion.Next(parent), ChannelVersion.Next(parent));
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("00000000000000000000000000000206.0.15568235660527807", 206)]
    [InlineData("", 0)]
    public void Counters_are_read_from_integer_prefixes(string version, long counter)
    {
        Assert.Equal(counter, ChannelVersion.GetCounter(version));
    }

    [Fact]
    public void A_version_without_a_counter_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => ChannelVersion.GetCounter("abc"));
    }
}
