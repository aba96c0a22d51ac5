using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint.Abstractions.Tests.Model;

public sealed class JsonValueComparerTests
{
    [Theory]
    [InlineData("1", "1.0", true)]
    [InlineData("1", "1e0", true)]
    [InlineData("10", "9", false)]
    [InlineData("\"1\"", "1", false)]
    [InlineData("null", "null", true)]
    [InlineData("[1,2]", "[1,2]", true)]
    [InlineData("[1,2]", "[2,1]", false)]
    [InlineData("{\"a\":1,\"b\":[true]}", "{\"b\":[true],\"a\":1.0}", true)]
    [InlineData("{\"a\":1}", "{\"a\":1,\"b\":2}", false)]
    [InlineData("\"a\"", "\"A\"", false)]
    [InlineData("1e-30", "0", false)]
    [InlineData("123456789012345678901234567890.1", "123456789012345678901234567890.10", true)]
    public void Deep_equality_compares_numbers_by_value_and_strings_ordinally(string left, string right, bool equal)
    {
        // Every backend's equality (metadata filters, store $eq/$ne) is JsonNode.DeepEquals: this pins the semantics it relies on.
        Assert.Equal(equal, JsonNode.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right)));
    }

    [Fact]
    public void Deep_equality_compares_a_number_built_in_code_with_a_parsed_one_by_value()
    {
        Assert.True(JsonNode.DeepEquals(JsonValue.Create(2.0), JsonNode.Parse("2")));
        Assert.True(JsonNode.DeepEquals(JsonValue.Create(1.5m), JsonNode.Parse("1.50")));
        Assert.False(JsonNode.DeepEquals(JsonValue.Create(2), JsonNode.Parse("\"2\"")));
    }

    [Theory]
    [InlineData("9", "10", -1)]
    [InlineData("2.5", "2", 1)]
    [InlineData("\"b\"", "\"a\"", 1)]
    [InlineData("\"B\"", "\"a\"", -1)]
    public void Scalars_of_one_kind_are_ordered(string left, string right, int order)
    {
        Assert.Equal(order, JsonValueComparer.CompareScalars(JsonNode.Parse(left), JsonNode.Parse(right)));
    }

    [Theory]
    [InlineData("1", "\"1\"")]
    [InlineData("true", "false")]
    [InlineData("[1]", "[1]")]
    public void Scalars_of_different_kinds_or_non_scalars_have_no_order(string left, string right)
    {
        Assert.Null(JsonValueComparer.CompareScalars(JsonNode.Parse(left), JsonNode.Parse(right)));
    }

    [Fact]
    public void Metadata_matches_when_every_filter_key_is_present_and_equal()
    {
        var metadata = JsonNode.Parse("""{"source":"loop","step":2,"user":null}""")!.AsObject();

        Assert.True(JsonValueComparer.MetadataMatches(metadata, new Dictionary<string, JsonNode?>()));
        Assert.True(JsonValueComparer.MetadataMatches(metadata, new Dictionary<string, JsonNode?> { ["source"] = "loop", ["step"] = 2.0 }));
        Assert.True(JsonValueComparer.MetadataMatches(metadata, new Dictionary<string, JsonNode?> { ["user"] = null }));
        Assert.False(JsonValueComparer.MetadataMatches(metadata, new Dictionary<string, JsonNode?> { ["missing"] = null }));
        Assert.False(JsonValueComparer.MetadataMatches(metadata, new Dictionary<string, JsonNode?> { ["source"] = "loop", ["step"] = 3 }));
    }
}
