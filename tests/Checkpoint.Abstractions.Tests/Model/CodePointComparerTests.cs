using System.Text;
using Checkpoint.Providers;

namespace Checkpoint.Abstractions.Tests.Model;

public sealed class CodePointComparerTests
{
    private static readonly string[] Samples =
    [
        string.Empty, "a", "ab", "b", "z", "\u007f", "\u00e9", "\u0800", "\ud7ff", "\ue000", "\ue000a", "\ufffd", "\uffff",
        "\U00010000", "\U00010000a", "\U0001F600", "\U0010FFFF", "a\U0001F600", "a\uffff",
    ];

    [Fact]
    public void Orders_like_the_utf8_bytes_of_the_strings_for_every_pair()
    {
        foreach (var x in Samples)
        {
            foreach (var y in Samples)
            {
                var expected = Math.Sign(Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)));
                Assert.True(expected == Math.Sign(CodePointComparer.Instance.Compare(x, y)), $"'{x}' vs '{y}'");
            }
        }
    }

    [Fact]
    public void Puts_characters_above_the_basic_plane_after_private_use_characters_unlike_ordinal()
    {
        Assert.True(string.CompareOrdinal("\U0001F600", "\ue000") < 0);
        Assert.True(CodePointComparer.Instance.Compare("\U0001F600", "\ue000") > 0);
    }

    [Fact]
    public void Null_orders_first_and_equality_is_ordinal()
    {
        Assert.True(CodePointComparer.Instance.Compare(null, string.Empty) < 0);
        Assert.Equal(0, CodePointComparer.Instance.Compare(null, null));
        Assert.True(CodePointComparer.Instance.Equals("\U0001F600", "\U0001F600"));
        Assert.False(CodePointComparer.Instance.Equals("a", "A"));
        Assert.Equal(StringComparer.Ordinal.GetHashCode("x\uE000"), CodePointComparer.Instance.GetHashCode("x\uE000"));
    }
}
