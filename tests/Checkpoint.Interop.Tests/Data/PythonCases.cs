using Microsoft.Extensions.AI;

namespace Checkpoint.Interop.Tests.Data;

/// <summary>The .NET value each vector of PythonVectors/vectors.json must read as.</summary>
public static class PythonCases
{
    public static IReadOnlyDictionary<string, object?> Expected { get; } = new Dictionary<string, object?>
    {
        ["none"] = null,
        ["bytes"] = new byte[] { 0, 1, 255 },
        ["bytearray"] = "hi"u8.ToArray(),
        ["string"] = "héllo ✓",
        ["integer"] = 42L,
        ["negative integer"] = -129L,
        ["int64 max"] = long.MaxValue,
        ["uint64 max"] = ulong.MaxValue,
        ["float"] = 0.1,
        ["boolean"] = true,
        ["list and tuple"] = new List<object?> { 1L, "two", null, new List<object?> { 3L, 4L } },
        ["dict"] = Map(("a", Map(("b", new List<object?> { 1.5, false }))), ("empty", Map())),
        ["dict with integer keys"] = new Dictionary<object, object?> { [1L] = "one", [2L] = "two" },
        ["nested bytes"] = Map(("data", "hi"u8.ToArray())),
        ["uuid"] = Guid.Parse("12345678-1234-5678-1234-567812345678"),
        ["decimal"] = 1.10m,
        ["datetime utc"] = new DateTimeOffset(2024, 5, 4, 6, 32, 42, TimeSpan.Zero).AddTicks(2_354_440),
        ["datetime offset"] = new DateTimeOffset(2024, 5, 4, 6, 32, 42, new TimeSpan(5, 30, 0)),
        ["datetime naive"] = new DateTime(2024, 5, 4, 6, 32, 42, DateTimeKind.Unspecified).AddTicks(50),
        ["date"] = new DateOnly(2024, 5, 4),
        ["time"] = new TimeOnly(6, 32, 42).Add(TimeSpan.FromTicks(2_354_440)),
        ["timedelta"] = TimeSpan.FromDays(1) + TimeSpan.FromSeconds(3661) + TimeSpan.FromTicks(50),
        ["negative timedelta"] = TimeSpan.FromTicks(-10),
        ["set"] = new List<object?> { 1L, 2L },
        ["frozenset"] = new List<object?> { "a" },
        ["deque"] = new List<object?> { 1L, 2L },
        ["enum"] = "red",
        ["path"] = new List<object?> { "/", "tmp", "x" },
        ["regex"] = new List<object?> { "a+", 34L },
        ["ipv4"] = "10.0.0.1",
        ["zoneinfo"] = "UTC",
        ["dataclass"] = Map(("x", 1L), ("y", 2L)),
        ["namedtuple"] = Map(("left", "l"), ("right", "r")),
        ["exception"] = "ValueError('bad')",
        ["pydantic model"] = Map(("name", "Ada"), ("age", 36L)),
        ["blocked callable"] = "echo owned",
        ["human message"] = new ChatMessage(ChatRole.User, "hi") { MessageId = "m1", AuthorName = "ada" },
        ["ai message chunk"] = new ChatMessage(ChatRole.Assistant, "par") { MessageId = "m3", AdditionalProperties = new() { ["lc_class"] = "AIMessageChunk" } },
        ["chat message"] = new ChatMessage(new ChatRole("critic"), "x"),
        ["remove message"] = new ChatMessage(new ChatRole("remove"), (IList<AIContent>?)null) { MessageId = "m1" },
        ["conversation"] = Conversation(),
        ["send"] = Map(("node", "worker"), ("args", Map(("n", 3L)))),
        ["interrupt"] = Map(("value", "ok?"), ("id", "abc")),
        ["delta snapshot"] = new DeltaSnapshot(new List<object?> { "a", "b" }),
        ["sqlite checkpoint"] = Map(
            ("v", 4L),
            ("ts", "2026-01-02T03:04:05.123456+00:00"),
            ("id", "1f0b7d6e-1a2b-6c3d-8001-000000000002"),
            ("channel_values", Map(("messages", Conversation()), ("count", 2L))),
            ("channel_versions", Map(
                ("messages", "00000000000000000000000000000002.0.8444218515250481"),
                ("count", "00000000000000000000000000000002.0.8444218515250481"))),
            ("versions_seen", Map(("agent", Map(("branch:to:agent", "00000000000000000000000000000001.0.5"))))),
            ("updated_channels", new List<object?> { "count", "messages" })),
    };

    /// <summary>The conversation of the vectors: system prompt in blocks, question, tool call, tool result.</summary>
    public static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, [new TextContent("You are terse.")]) { MessageId = "msg-0", AdditionalProperties = new() { ["lc_content_blocks"] = true } },
        new(ChatRole.User, "What is the weather in Paris?") { MessageId = "msg-1", AuthorName = "ada" },
        new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?> { ["city"] = "Paris" })])
        {
            MessageId = "msg-2",
            AdditionalProperties = new()
            {
                ["response_metadata"] = Map(("model_name", "m")),
                ["usage_metadata"] = Map(("input_tokens", 12L), ("output_tokens", 7L), ("total_tokens", 19L)),
            },
        },
        new(ChatRole.Tool, [new FunctionResultContent("call_1", "18C, sunny")])
        {
            MessageId = "msg-3",
            AuthorName = "get_weather",
            AdditionalProperties = new() { ["artifact"] = Map(("raw", 18L)), ["status"] = "success" },
        },
    ];

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
}
