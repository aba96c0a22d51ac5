namespace Checkpoint.Abstractions.Tests.Model;

public sealed class StoreNamespaceTests
{
    [Fact]
    public void Collection_expressions_build_namespaces_that_compare_by_labels()
    {
        StoreNamespace a = ["memories", "1"];
        StoreNamespace b = new(["memories", "1"]);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("memories.1", a.Path);
        Assert.Equal(2, a.Count);
        Assert.Equal("1", a[1]);
    }

    [Fact]
    public void Default_namespace_is_empty()
    {
        var empty = default(StoreNamespace);

        Assert.True(empty.IsEmpty);
        Assert.Equal(string.Empty, empty.Path);
        Assert.Equal(StoreNamespace.Empty, empty);
        Assert.Equal(StoreNamespace.Empty, StoreNamespace.FromPath(string.Empty));
    }

    [Fact]
    public void Prefixes_match_whole_labels_only()
    {
        StoreNamespace ns = ["a", "bc", "d"];

        Assert.True(ns.StartsWith(StoreNamespace.Empty));
        Assert.True(ns.StartsWith(["a", "bc"]));
        Assert.False(ns.StartsWith(["a", "b"]));
        Assert.False(ns.StartsWith(["a", "bc", "d", "e"]));
    }

    [Fact]
    public void Namespaces_order_by_path()
    {
        StoreNamespace[] sorted = [["a"], ["a", "b"], ["a-b"], ["b"]];

        Assert.Equal(sorted.OrderBy(n => n.Path, StringComparer.Ordinal), sorted.Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a|")]
    [InlineData("a.b")]
    [InlineData("a\0")]
    [InlineData("langgraph|x")]
    public void Invalid_namespaces_are_rejected_for_writing(string? labels)
    {
        StoreNamespace ns = labels is null ? StoreNamespace.Empty : labels.Split('|');

        Assert.Throws<InvalidNamespaceException>(ns.Validate);
    }

    [Fact]
    public void Truncation_keeps_the_outermost_labels()
    {
        StoreNamespace ns = ["a", "b", "c"];

        Assert.Equal(new StoreNamespace(["a", "b"]), ns.Truncate(2));
        Assert.Equal(ns, ns.Truncate(5));
    }

    [Fact]
    public void Match_conditions_honour_wildcards_at_either_end()
    {
        StoreNamespace ns = ["users", "42", "memories"];

        Assert.True(NamespaceMatch.Prefix("users", "*").Matches(ns));
        Assert.True(NamespaceMatch.Suffix("*", "memories").Matches(ns));
        Assert.False(NamespaceMatch.Prefix("users", "43").Matches(ns));
        Assert.False(NamespaceMatch.Suffix("users", "memories").Matches(ns));
        Assert.False(NamespaceMatch.Prefix("users", "42", "memories", "x").Matches(ns));
    }
}
