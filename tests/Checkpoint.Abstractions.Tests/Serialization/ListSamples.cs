using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint.Abstractions.Tests.Serialization;

/// <summary>Lists of every kind the item-level codec handles, with awkward values in them.</summary>
internal static class ListSamples
{
    public static JsonCheckpointSerializer Serializer { get; } =
        new(new JsonCheckpointSerializerOptions().Register<Note>("note"));

    public static IEnumerable<object> All()
    {
        yield return Chat();
        yield return ChatMessageSamples.EveryContentKind();
        yield return new List<string> { "plain", "quote \" backslash \\ tab \t", "\u00e9t\u00e9 \ud83d\ude00", "</script>", string.Empty };
        yield return new long[] { 0, -1, long.MaxValue, long.MinValue };
        yield return new List<double> { 0.0, -0.0, 1e308, double.Epsilon, double.NaN, double.PositiveInfinity, 0.1 };
        yield return new List<decimal> { 1.0m, 1.00m, -0.5m, decimal.MaxValue };
        yield return new DateTimeOffset[] { new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), new(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)) };
        yield return new List<object?>
        {
            null, true, 42, 42L, 1.5, "text",
            new Dictionary<string, object?> { ["a"] = 1, ["nested"] = new List<object?> { 1, "two", new Dictionary<string, object?> { ["x"] = null } } },
            new List<object?> { new List<object?>(), new Dictionary<string, object?>() },
            JsonNode.Parse("""{"node": [1, 2.50, "three"]}"""),
        };
        yield return new List<JsonNode?> { JsonNode.Parse("""{"a": 1, "b": [true, null, 1.0]}"""), JsonValue.Create("s"), null, new JsonArray(1, 2) };
        yield return new List<Dictionary<string, int>> { new() { ["one"] = 1, ["two"] = 2 }, new() };
        yield return new List<Note> { new("first", 1, ["a", "b"]), new("second", 2, []) { Extra = new Dictionary<string, object?> { ["k"] = "v" } } };
    }

    public static List<ChatMessage> Chat() =>
    [
        new(ChatRole.User, "Hello \"there\"") { MessageId = "m1", AuthorName = "ann", CreatedAt = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.FromHours(-3)) },
        new(ChatRole.Assistant, [new TextReasoningContent("thinking"), new FunctionCallContent("call-1", "lookup", new Dictionary<string, object?> { ["city"] = "Oslo", ["days"] = 3 })]) { MessageId = "m2" },
        new(ChatRole.Tool, [new FunctionResultContent("call-1", new Dictionary<string, object?> { ["temp"] = -2.5, ["ok"] = true })]) { MessageId = "m3" },
        new(ChatRole.User, [new TextContent("see"), new UriContent(new Uri("https://example.com/a.png"), "image/png"), new DataContent(new byte[] { 1, 2, 3 }, "application/octet-stream")])
        {
            AdditionalProperties = new AdditionalPropertiesDictionary { ["turn"] = 4, ["tags"] = new List<object?> { "x" } },
        },
        new(new ChatRole("custom-role"), "last"),
    ];

    /// <summary>Serializes a list whole, and item by item joined into a list.</summary>
    public static (byte[] Whole, byte[] Joined) SerializeBothWays(System.Collections.IList list)
    {
        var codec = Serializer.ListItems;
        var description = codec.Describe(list) ?? throw new InvalidOperationException($"{list.GetType()} is not handled item by item.");
        var items = new List<byte[]>();
        foreach (var item in list)
        {
            items.Add(codec.SerializeItem(description, item));
        }

        var joined = new List<byte> { (byte)'[' };
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                joined.Add((byte)',');
            }

            joined.AddRange(items[i]);
        }

        joined.Add((byte)']');
        return (Serializer.Serialize(list).Data, [.. joined]);
    }

    public static string Json(object? value) => JsonSerializer.Serialize(value, JsonCheckpointSerializer.DefaultJsonSerializerOptions);
}

/// <summary>A registered record with a constructor, a collection and extension data.</summary>
/// <param name="Title">The title.</param>
/// <param name="Rank">The rank.</param>
/// <param name="Tags">The tags.</param>
public sealed record Note(string Title, int Rank, List<string> Tags)
{
    /// <summary>Gets or sets extra members.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, object?>? Extra { get; set; }
}
