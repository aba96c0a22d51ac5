using System.Text.Json.Nodes;
using Checkpoint.Providers;

namespace Checkpoint.Abstractions.Tests.Model;

public sealed class StoreFilterTests
{
    private static readonly JsonObject Document = JsonNode.Parse("""{"n":10,"s":"b","nested":{"age":30},"tags":["x"],"none":null}""")!.AsObject();

    [Theory]
    [InlineData("""{"n":10}""", true)]
    [InlineData("""{"n":10.0}""", true)]
    [InlineData("""{"n":{"$gt":9}}""", true)]
    [InlineData("""{"n":{"$gt":"9"}}""", false)]
    [InlineData("""{"n":{"$gte":10,"$lt":11}}""", true)]
    [InlineData("""{"n":{"$lte":9.5}}""", false)]
    [InlineData("""{"s":{"$lt":"c"}}""", true)]
    [InlineData("""{"s":{"$gt":"B"}}""", true)]
    [InlineData("""{"nested.age":{"$gte":30}}""", true)]
    [InlineData("""{"tags":["x"]}""", true)]
    [InlineData("""{"none":null}""", true)]
    [InlineData("""{"missing":{"$ne":1}}""", true)]
    [InlineData("""{"missing":null}""", false)]
    [InlineData("""{"n":{"$ne":10}}""", false)]
    [InlineData("""{"nested":{"age":30}}""", true)]
    public void Conditions_follow_the_contract(string filter, bool matches)
    {
        var conditions = StoreFilter.Parse(JsonNode.Parse(filter)!.AsObject().ToDictionary(p => p.Key, p => p.Value));

        Assert.Equal(matches, StoreFilter.Matches(Document, conditions));
    }

    [Theory]
    [InlineData("""{"":1}""")]
    [InlineData("""{"$where":1}""")]
    [InlineData("""{"a..b":1}""")]
    [InlineData("""{"a[0]":1}""")]
    [InlineData("""{"a\"b":1}""")]
    [InlineData("""{"n":{"$in":1}}""")]
    [InlineData("""{"n":{"$nin":{"a":1}}}""")]
    [InlineData("""{"n":{"$gt":[1]}}""")]
    [InlineData("""{"n":{"$gt":null}}""")]
    [InlineData("""{"n":{"$gt":1,"plain":2}}""")]
    public void Malformed_filters_are_rejected(string filter)
    {
        Assert.ThrowsAny<ArgumentException>(() => StoreFilter.Parse(JsonNode.Parse(filter)!.AsObject().ToDictionary(p => p.Key, p => p.Value)));
    }

    [Fact]
    public void Indexed_text_extracts_fields_arrays_and_the_whole_document()
    {
        var value = JsonNode.Parse("""{"text":"hello","items":[{"t":"a"},{"t":"b"}],"n":3}""")!.AsObject();

        var texts = IndexedText.Extract(value, ["text", "items[*].t", "items[-1].t", "n", "missing", "$"]);

        Assert.Equal(
            [
                new("text", "hello"),
                new("items[*].t#0", "a"),
                new("items[*].t#1", "b"),
                new("items[-1].t", "b"),
                new("n", "3"),
                new("$", value.ToJsonString()),
            ],
            texts);
    }
}
