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

    [Theory]
    [InlineData("7", "8")]
    [InlineData("0", "1")]
    [InlineData("99", "100")]
    public void An_integer_version_is_followed_by_the_next_integer(string current, string next)
    {
        Assert.Equal(next, ChannelVersion.Next(current));
        Assert.Equal(next, ChannelVersion.Next(current, CheckpointWireFormat.LangGraphPython));
    }

    [Theory]
    [InlineData(CheckpointWireFormat.Native, false)]
    [InlineData(CheckpointWireFormat.LangGraphPython, false)]
    [InlineData(CheckpointWireFormat.LangGraphJs, true)]
    public void A_first_version_takes_the_form_of_the_wire_format(CheckpointWireFormat format, bool integer)
    {
        var first = ChannelVersion.Next(null, format);

        Assert.Equal(integer, first == "1");
        Assert.Equal(1, ChannelVersion.GetCounter(first));
        Assert.Matches(@"^0{31}2\.\d{16}$", ChannelVersion.Next("00000000000000000000000000000001.5", format));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("17", true)]
    [InlineData("123456789012345678", true)]
    [InlineData("1234567890123456789", false)]
    [InlineData("07", false)]
    [InlineData("-1", false)]
    [InlineData("+3", false)]
    [InlineData("3.0", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_canonical_non_negative_integers_are_in_the_integer_form(string? version, bool integer)
    {
        Assert.Equal(integer, ChannelVersion.IsInteger(version));
    }

    [Fact]
    public void Versions_compare_by_counter_in_both_forms()
    {
        string?[] ordered = [null, "1", "2", "9", "10", "00000000000000000000000000000011.1", "00000000000000000000000000000011.2", "abc"];

        for (var i = 0; i < ordered.Length; i++)
        {
            for (var j = 0; j < ordered.Length; j++)
            {
                Assert.Equal(Math.Sign(i.CompareTo(j)), Math.Sign(ChannelVersion.Compare(ordered[i], ordered[j])));
            }
        }
    }
}
