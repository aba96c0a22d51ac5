using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint.Interop.Tests.Data;

/// <summary>
/// Values as the harness describes them (node/values.mjs) paired with the .NET value reading LangGraph.js's stored form
/// must give.
/// </summary>
public static class SerializerCases
{
    public static IReadOnlyDictionary<string, (JsonNode? Described, object? Expected)> All { get; } = new Dictionary<string, (JsonNode?, object?)>
    {
        ["string"] = (JsonValue.Create("héllo \"world\" ✓"), "héllo \"world\" ✓"),
        ["integer"] = (JsonValue.Create(42), 42L),
        ["negative big integer"] = (JsonValue.Create(-9007199254740991L), -9007199254740991L),
        ["fraction"] = (JsonValue.Create(0.1), 0.1),
        ["boolean"] = (JsonValue.Create(false), false),
        ["null"] = (null, null),
        ["bytes"] = (Node("""{"$bytes":"AAH/"}"""), new byte[] { 0, 1, 255 }),
        ["empty bytes"] = (Node("""{"$bytes":""}"""), Array.Empty<byte>()),
        ["nested bytes"] = (Node("""{"file":{"$bytes":"aGk="},"list":[{"$bytes":"AA=="}]}"""), Map(("file", new byte[] { 104, 105 }), ("list", new List<object?> { new byte[] { 0 } }))),
        ["nested object"] = (Node("""{"a":{"b":[1,"two",null,true,{"c":[]}]}}"""), Map(("a", Map(("b", new List<object?> { 1L, "two", null, true, Map(("c", new List<object?>())) }))))),
        ["undefined property is absent"] = (Node("""{"kept":1,"gone":{"$undefined":true}}"""), Map(("kept", 1L))),
        ["date is its ISO text"] = (Node("""{"$date":"2024-05-04T06:32:42.235Z"}"""), "2024-05-04T06:32:42.235Z"),
        ["set stays a record"] = (Node("""{"$set":[1,2]}"""), Record("Set", null, new List<object?> { 1L, 2L })),
        ["map stays a record"] = (Node("""{"$map":[[1,"one"]]}"""), Record("Map", null, new List<object?> { new List<object?> { 1L, "one" } })),
        ["error stays a record"] = (Node("""{"$error":{"name":"Error","message":"boom"}}"""), Record("Error", null, "boom")),
        ["send is its node and args"] = (Node("""{"$send":{"node":"worker","args":{"n":3}}}"""), Map(("node", "worker"), ("args", Map(("n", 3L))))),
        ["object with an lc key is plain"] = (Node("""{"lc":3,"type":"x"}"""), Map(("lc", 3L), ("type", "x"))),
        ["human message"] = (Message("""{"class":"HumanMessage","content":"hi","id":"m1","name":"ada"}"""),
            new ChatMessage(ChatRole.User, "hi") { MessageId = "m1", AuthorName = "ada" }),
        ["system message with blocks"] = (Message("""{"class":"SystemMessage","content":[{"type":"text","text":"a"},{"type":"text","text":"b","cache":true},{"type":"image","url":"https://x/y.png"}]}"""),
            new ChatMessage(ChatRole.System, [new TextContent("a"), new TextContent("b") { AdditionalProperties = new() { ["cache"] = true } },
                new AIContent { AdditionalProperties = new() { ["type"] = "image", ["url"] = "https://x/y.png" } }])
            {
                AdditionalProperties = new() { ["lc_content_blocks"] = true },
            }),
        ["ai message with tool calls"] = (Message("""{"class":"AIMessage","content":"calling","id":"m2","tool_calls":[{"name":"f","args":{"x":[1,2]},"id":"c1","type":"tool_call"}],"usage_metadata":{"input_tokens":1,"output_tokens":2,"total_tokens":3}}"""),
            new ChatMessage(ChatRole.Assistant, [new TextContent("calling"), new FunctionCallContent("c1", "f", new Dictionary<string, object?> { ["x"] = new List<object?> { 1L, 2L } })])
            {
                MessageId = "m2",
                AdditionalProperties = new() { ["usage_metadata"] = Map(("input_tokens", 1L), ("output_tokens", 2L), ("total_tokens", 3L)) },
            }),
        ["tool message with error status"] = (Message("""{"class":"ToolMessage","content":"failed","tool_call_id":"c1","status":"error","artifact":[1]}"""),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("c1", "failed")])
            {
                AdditionalProperties = new() { ["status"] = "error", ["artifact"] = new List<object?> { 1L } },
            }),
        ["chat message with a custom role"] = (Message("""{"class":"ChatMessage","content":"x","role":"critic"}"""),
            new ChatMessage(new ChatRole("critic"), "x")),
        ["chat message with a standard role keeps its class"] = (Message("""{"class":"ChatMessage","content":"x","role":"user"}"""),
            new ChatMessage(ChatRole.User, "x") { AdditionalProperties = new() { ["lc_class"] = "ChatMessage" } }),
        ["ai message chunk"] = (Message("""{"class":"AIMessageChunk","content":"par","id":"m3"}"""),
            new ChatMessage(ChatRole.Assistant, "par") { MessageId = "m3", AdditionalProperties = new() { ["lc_class"] = "AIMessageChunk" } }),
        ["remove message"] = (Message("""{"class":"RemoveMessage","id":"m1"}"""),
            new ChatMessage(new ChatRole("remove"), (IList<AIContent>?)null) { MessageId = "m1" }),
        ["escaped kwargs"] = (Message("""{"class":"HumanMessage","content":"x","additional_kwargs":{"payload":{"lc":1,"type":"constructor","id":["langchain_core","messages","AIMessage"],"kwargs":{}}}}"""),
            new ChatMessage(ChatRole.User, "x")
            {
                AdditionalProperties = new()
                {
                    ["additional_kwargs"] = Map(("payload", Map(("lc", 1L), ("type", "constructor"), ("id", new List<object?> { "langchain_core", "messages", "AIMessage" }), ("kwargs", Map())))),
                },
            }),
        ["conversation"] = (Node("""[{"$message":{"class":"HumanMessage","content":"q"}},{"$message":{"class":"AIMessage","content":"a"}}]"""),
            new List<ChatMessage> { new(ChatRole.User, "q"), new(ChatRole.Assistant, "a") }),
        ["messages mixed with other values"] = (Node("""[{"$message":{"class":"HumanMessage","content":"q"}},"note"]"""),
            new List<object?> { new ChatMessage(ChatRole.User, "q"), "note" }),
    };

    private static JsonNode? Node(string json) => JsonNode.Parse(json);

    private static JsonNode Message(string fields) => new JsonObject { ["$message"] = JsonNode.Parse(fields) };

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    private static Dictionary<string, object?> Record(string constructor, string? method, object? firstArgument) => Map(
        ("lc", 2L),
        ("type", "constructor"),
        ("id", new List<object?> { constructor }),
        ("method", method),
        ("args", new List<object?> { firstArgument }),
        ("kwargs", Map()));
}
