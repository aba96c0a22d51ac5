using System.Collections;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint.Abstractions.Tests.Serialization;

/// <summary>
/// Item-level access to the default serializer's lists: an item serializes to exactly its bytes inside the whole
/// list, compares equal only when it would serialize the same, and copies into an independent equal value.
/// </summary>
public sealed class ListItemCodecTests
{
    public static TheoryData<int> Samples => [.. Enumerable.Range(0, ListSamples.All().Count())];

    private static ListItemCodec Codec => ListSamples.Serializer.ListItems;

    [Theory]
    [MemberData(nameof(Samples))]
    public void Items_serialized_one_by_one_join_into_exactly_the_whole_list(int sample)
    {
        var (whole, joined) = ListSamples.SerializeBothWays((IList)ListSamples.All().ElementAt(sample));

        Assert.Equal(System.Text.Encoding.UTF8.GetString(whole), System.Text.Encoding.UTF8.GetString(joined));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_stored_item_compares_equal_to_the_item_it_was_serialized_from(int sample)
    {
        var list = (IList)ListSamples.All().ElementAt(sample);
        var description = Codec.Describe(list)!;
        var stored = Codec.DeserializeChunk(ListSamples.Serializer.Serialize(list));

        for (var i = 0; i < list.Count; i++)
        {
            // A JSON node inside an untyped value loads as plain dictionaries and lists: never called equal (it is
            // serialized again each time), which is always safe.
            var expected = !(description.Untyped && list[i] is JsonNode);
            Assert.True(expected == Codec.ItemEquals(description, list[i], stored[i]), $"item {i}: {ListSamples.Json(list[i])}");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_copy_of_a_stored_item_serializes_the_same_and_shares_nothing_mutable(int sample)
    {
        var list = (IList)ListSamples.All().ElementAt(sample);
        var description = Codec.Describe(list)!;
        var stored = Codec.DeserializeChunk(ListSamples.Serializer.Serialize(list));

        for (var i = 0; i < stored.Count; i++)
        {
            Assert.True(Codec.TryCopyItem(description, stored[i], out var copy));
            Assert.Equal(Codec.SerializeItem(description, stored[i]), Codec.SerializeItem(description, copy));
            if (stored[i] is { } original && !LeafValues.IsLeaf(original.GetType()))
            {
                Assert.NotSame(original, copy);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Copying_a_chunk_fills_the_list_after_what_it_holds_with_copies_that_serialize_the_same(int sample)
    {
        var list = (IList)ListSamples.All().ElementAt(sample);
        var description = Codec.Describe(list)!;
        var stored = Codec.DeserializeChunk(ListSamples.Serializer.Serialize(list));
        var target = ListItemCodec.CreateList(description, stored.Count + 1);
        ListItemCodec.Put(target, 0, stored[0], description);

        Assert.Equal(stored.Count, Codec.CopyItems(description, stored, target, 1));

        Assert.Equal(stored.Count + 1, target.Count);
        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Equal(Codec.SerializeItem(description, stored[i]), Codec.SerializeItem(description, target[i + 1]));
            if (stored[i] is { } original && !LeafValues.IsLeaf(original.GetType()))
            {
                Assert.NotSame(original, target[i + 1]);
            }
        }
    }

    [Fact]
    public void Changing_a_copied_message_leaves_the_stored_one_as_it_was()
    {
        var description = Codec.Describe(ListSamples.Chat())!;
        var stored = Codec.DeserializeChunk(ListSamples.Serializer.Serialize(ListSamples.Chat()));
        var before = ListSamples.Json(stored);

        foreach (var item in stored)
        {
            Assert.True(Codec.TryCopyItem(description, item, out var copy));
            var message = (ChatMessage)copy!;
            message.Contents.Add(new TextContent("more"));
            message.Role = ChatRole.System;
            (message.AdditionalProperties ??= [])["new"] = 1;
            if (message.Contents[0] is FunctionCallContent call)
            {
                call.Arguments!["city"] = "Bergen";
            }
        }

        Assert.Equal(before, ListSamples.Json(stored));
    }

    public static TheoryData<string> Changes => ["text", "role case", "message id", "content added", "content kind", "property added", "property value type", "offset", "arguments"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_that_serializes_differently_makes_a_message_unequal(string change)
    {
        var description = Codec.Describe(ListSamples.Chat())!;
        var stored = Codec.DeserializeChunk(ListSamples.Serializer.Serialize(ListSamples.Chat()));
        var current = ListSamples.Chat();
        var index = change switch
        {
            "text" => Change(0, m => m.Contents[0] = new TextContent("Hello \"there!\"")),
            "role case" => Change(0, m => m.Role = new ChatRole("USER")),
            "message id" => Change(0, m => m.MessageId = "m1 "),
            "content added" => Change(4, m => m.Contents.Add(new TextContent(string.Empty))),
            "content kind" => Change(4, m => m.Contents[0] = new TextReasoningContent("last")),
            "property added" => Change(3, m => m.AdditionalProperties!["more"] = null),
            "property value type" => Change(3, m => m.AdditionalProperties!["turn"] = "4"),
            "offset" => Change(0, m => m.CreatedAt = m.CreatedAt!.Value.ToOffset(TimeSpan.Zero)),
            _ => Change(1, m => ((FunctionCallContent)m.Contents[1]).Arguments!["days"] = "3"),
        };

        Assert.NotEqual(ListSamples.Json(stored[index]), ListSamples.Json(current[index]));
        Assert.False(Codec.ItemEquals(description, current[index], stored[index]));

        int Change(int i, Action<ChatMessage> edit)
        {
            edit(current[i]);
            return i;
        }
    }

    [Fact]
    public void Numbers_compare_by_the_json_they_write()
    {
        var decimals = new List<decimal> { 1.0m };
        var doubles = new List<double> { 0.0 };
        var plain = new List<object?> { new Dictionary<string, object?> { ["n"] = 5 } };

        Assert.False(Codec.ItemEquals(Codec.Describe(decimals)!, 1.00m, 1.0m));
        Assert.False(Codec.ItemEquals(Codec.Describe(doubles)!, -0.0, 0.0));
        Assert.True(Codec.ItemEquals(Codec.Describe(doubles)!, double.NaN, double.NaN));

        // Untyped integers of any width are written as the same number, so they may compare equal.
        Assert.True(Codec.ItemEquals(Codec.Describe(plain)!, new Dictionary<string, object?> { ["n"] = 5 }, new Dictionary<string, object?> { ["n"] = 5L }));
        Assert.Equal(ListSamples.Serializer.Serialize(new List<object?> { 5 }).Data, ListSamples.Serializer.Serialize(new List<object?> { 5L }).Data);
        Assert.False(Codec.ItemEquals(Codec.Describe(plain)!, new Dictionary<string, object?> { ["n"] = 5 }, new Dictionary<string, object?> { ["n"] = 5.0 }));
    }

    [Fact]
    public void Json_nodes_compare_by_their_text_and_order()
    {
        var description = Codec.Describe(new List<JsonNode?>())!;

        Assert.True(Codec.ItemEquals(description, JsonNode.Parse("""{"a": [1, "x"]}"""), JsonNode.Parse("""{"a":[1,"x"]}""")));
        Assert.False(Codec.ItemEquals(description, JsonNode.Parse("""{"a": 1}"""), JsonNode.Parse("""{"a": 1.0}""")));
        Assert.False(Codec.ItemEquals(description, JsonNode.Parse("""{"a": 1, "b": 2}"""), JsonNode.Parse("""{"b": 2, "a": 1}""")));
    }

    [Theory]
    [InlineData(62, true)]
    [InlineData(63, true)]
    [InlineData(64, false)]
    public void An_item_alone_fails_the_depth_limit_exactly_where_it_fails_inside_its_list(int depth, bool fits)
    {
        object? nested = "leaf";
        for (var i = 0; i < depth; i++)
        {
            nested = new List<object?> { nested };
        }

        var list = new List<object?> { nested };
        var description = Codec.Describe(list)!;
        var whole = Record.Exception(() => ListSamples.Serializer.Serialize(list));
        var item = Record.Exception(() => Codec.SerializeItem(description, nested));

        Assert.Equal(fits, whole is null);
        Assert.Equal(fits, item is null);
    }

    [Fact]
    public void Typed_items_fail_the_depth_limit_exactly_where_they_fail_inside_their_list()
    {
        for (var depth = 60; depth <= 66; depth++)
        {
            JsonNode nested = "leaf";
            for (var i = 0; i < depth; i++)
            {
                nested = new JsonArray(nested);
            }

            var list = new List<JsonNode> { nested };
            var whole = Record.Exception(() => ListSamples.Serializer.Serialize(list));
            var item = Record.Exception(() => Codec.SerializeItem(Codec.Describe(list)!, nested));

            Assert.Equal(whole is null, item is null);
        }
    }

    [Fact]
    public void Lists_of_values_a_converter_of_their_own_writes_are_not_compared_or_copied()
    {
        var options = new System.Text.Json.JsonSerializerOptions(JsonCheckpointSerializer.DefaultJsonSerializerOptions);
        options.Converters.Add(new UpperCaseConverter());
        var serializer = new JsonCheckpointSerializer(new JsonCheckpointSerializerOptions { JsonSerializerOptions = options }.Register<Shouting>("shouting"));
        var list = new List<Shouting> { new("a"), new("b") };
        var codec = serializer.ListItems;
        var description = codec.Describe(list)!;
        var stored = codec.DeserializeChunk(serializer.Serialize(list));

        Assert.False(codec.ItemEquals(description, list[0], stored[0]));
        Assert.False(codec.TryCopyItem(description, stored[0], out _));
        var target = ListItemCodec.CreateList(description, stored.Count);
        Assert.Equal(0, codec.CopyItems(description, stored, target, 0));
        Assert.Empty(target);
    }

    /// <summary>A type written by a converter the codec knows nothing about.</summary>
    /// <param name="Text">The text.</param>
    public sealed record Shouting(string Text);

    private sealed class UpperCaseConverter : System.Text.Json.Serialization.JsonConverter<Shouting>
    {
        public override Shouting Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) => new(reader.GetString()!.ToLowerInvariant());

        public override void Write(System.Text.Json.Utf8JsonWriter writer, Shouting value, System.Text.Json.JsonSerializerOptions options) => writer.WriteStringValue(value.Text.ToUpperInvariant());
    }
}
