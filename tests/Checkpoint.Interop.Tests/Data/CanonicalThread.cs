using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint.Interop.Tests.Data;

/// <summary>
/// The canonical thread of node/canonical.mjs as .NET values: what reading LangGraph.js's thread must give, and what
/// writing it for LangGraph.js starts from. Ids, timestamps, versions and metadata are fixed, so the two threads can be
/// compared whole.
/// </summary>
public static class CanonicalThread
{
    public const string InputId = "1f0b7d6e-1a2b-6c3d-8000-000000000001";
    public const string LoopId = "1f0b7d6e-1a2b-6c3d-8001-000000000002";
    public const string ChildId = "1f0b7d6e-1a2b-6c3d-8000-000000000003";
    public const string ChildNamespace = "agent:6f1c0e52-8d3a-5b7e-9c41-2a9f3d8e7b10";

    /// <summary>The checkpoints in the order they are written.</summary>
    public static IReadOnlyList<CanonicalCheckpoint> Checkpoints() =>
    [
        new(
            string.Empty,
            null,
            new GraphCheckpoint
            {
                Id = InputId,
                Ts = "2026-01-02T03:04:05.000Z",
                ChannelValues = { ["__start__"] = new Dictionary<string, object?> { ["messages"] = new List<ChatMessage> { Question() } } },
                ChannelVersions = { ["__start__"] = "1" },
                VersionsSeen = { ["__input__"] = [] },
            },
            Metadata("""{"source":"input","step":-1,"parents":{},"user_id":"u-1"}"""),
            Versions("1", "__start__")),
        new(
            string.Empty,
            InputId,
            new GraphCheckpoint
            {
                Id = LoopId,
                Ts = "2026-01-02T03:04:06.000Z",
                ChannelValues =
                {
                    ["messages"] = Conversation(),
                    ["profile"] = new Dictionary<string, object?>
                    {
                        ["name"] = "Ada",
                        ["tags"] = new List<object?> { "a", "b" },
                        ["nested"] = new Dictionary<string, object?> { ["depth"] = new Dictionary<string, object?> { ["n"] = 1.5, ["none"] = null } },
                    },
                    ["count"] = 42L,
                    ["ratio"] = 0.25,
                    ["flag"] = true,
                    ["big"] = 9007199254740991L,
                    ["blob"] = new byte[] { 0, 1, 255 },
                    ["attachment"] = new Dictionary<string, object?> { ["data"] = new byte[] { 104, 105 }, ["note"] = "hi" },
                },
                ChannelVersions = Versions("2", LoopChannels),
                VersionsSeen =
                {
                    ["__input__"] = [],
                    ["__start__"] = new() { ["__start__"] = "1" },
                    ["agent"] = new() { ["branch:to:agent"] = "2" },
                },
            },
            Metadata("""{"source":"loop","step":0,"parents":{},"user_id":"u-1"}"""),
            Versions("2", LoopChannels)),
        new(
            ChildNamespace,
            null,
            new GraphCheckpoint
            {
                Id = ChildId,
                Ts = "2026-01-02T03:04:07.000Z",
                ChannelValues = { ["messages"] = new List<ChatMessage> { Question() } },
                ChannelVersions = { ["messages"] = "1" },
            },
            Metadata($$$"""{"source":"loop","step":0,"parents":{"":"{{{LoopId}}}"}}"""),
            Versions("1", "messages")),
    ];

    /// <summary>The pending writes of the loop checkpoint, per task, in the order each task made them.</summary>
    public static IReadOnlyList<(string TaskId, IReadOnlyList<ChannelWrite> Writes)> Writes() =>
    [
        ("00000000-0000-4000-8000-00000000000a",
        [
            new("messages", new List<ChatMessage> { Removal("msg-4"), new(ChatRole.Assistant, "Done.") { MessageId = "msg-5" } }),
            new("count", 1L),
        ]),
        ("00000000-0000-4000-8000-00000000000b", [new("__error__", new Dictionary<string, object?> { ["message"] = "boom", ["name"] = "Error" })]),
        ("00000000-0000-4000-8000-00000000000c",
        [
            new("__interrupt__", new List<object?>
            {
                new Dictionary<string, object?>
                {
                    ["id"] = "int-1",
                    ["value"] = new Dictionary<string, object?> { ["question"] = "Approve?", ["options"] = new List<object?> { "yes", "no" } },
                },
            }),
        ]),
        ("00000000-0000-4000-8000-00000000000d",
        [
            new("__resume__", "yes"),
            new("__pregel_tasks", new Dictionary<string, object?> { ["node"] = "worker", ["args"] = new Dictionary<string, object?> { ["n"] = 3L } }),
            new("__scheduled__", new Dictionary<string, object?> { ["after"] = "agent" }),
        ]),
    ];

    /// <summary>The pending writes as a reader returns them: ordered by task id, then index.</summary>
    public static IReadOnlyList<PendingWrite> PendingWrites() =>
        [.. Writes()
            .SelectMany(t => t.Writes.Select((w, position) => (t.TaskId, Index: SpecialChannels.GetWriteIndex(w.Channel, position), w)))
            .OrderBy(x => x.TaskId, StringComparer.Ordinal)
            .ThenBy(x => x.Index)
            .Select(x => new PendingWrite(x.TaskId, x.w.Channel, x.w.Value, string.Empty))];

    private static readonly string[] LoopChannels =
        ["__start__", "messages", "profile", "count", "ratio", "flag", "big", "blob", "attachment", "branch:to:agent"];

    private static ChatMessage Question() => new(ChatRole.User, "What is the weather in Paris?") { MessageId = "msg-1", AuthorName = "ada" };

    private static ChatMessage Removal(string id) => new(new ChatRole("remove"), (IList<AIContent>?)null) { MessageId = id };

    private static List<ChatMessage> Conversation() =>
    [
        new(ChatRole.System, [new TextContent("You are terse.")]) { MessageId = "msg-0", AdditionalProperties = new() { ["lc_content_blocks"] = true } },
        Question(),
        new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_weather", new Dictionary<string, object?>
        {
            ["city"] = "Paris",
            ["units"] = new Dictionary<string, object?> { ["temperature"] = "C" },
        })])
        {
            MessageId = "msg-2",
            AdditionalProperties = new()
            {
                ["usage_metadata"] = new Dictionary<string, object?> { ["input_tokens"] = 12L, ["output_tokens"] = 7L, ["total_tokens"] = 19L },
                ["response_metadata"] = new Dictionary<string, object?> { ["model_name"] = "m" },
            },
        },
        new(ChatRole.Tool, [new FunctionResultContent("call_1", "18C, sunny")])
        {
            MessageId = "msg-3",
            AuthorName = "get_weather",
            AdditionalProperties = new() { ["status"] = "success", ["artifact"] = new Dictionary<string, object?> { ["raw"] = 18L } },
        },
        new(ChatRole.Assistant, "It is 18C and sunny in Paris.")
        {
            MessageId = "msg-4",
            AdditionalProperties = new()
            {
                ["additional_kwargs"] = new Dictionary<string, object?>
                {
                    ["meta"] = new Dictionary<string, object?> { ["lc"] = 1L, ["note"] = "looks like a record" },
                },
            },
        },
    ];

    private static CheckpointMetadata Metadata(string json) => new(JsonNode.Parse(json)!.AsObject());

    private static Dictionary<string, string> Versions(string version, params string[] channels) =>
        channels.ToDictionary(c => c, _ => version, StringComparer.Ordinal);
}

/// <summary>One checkpoint of the canonical thread with what its put receives.</summary>
public sealed record CanonicalCheckpoint(
    string Namespace,
    string? ParentId,
    GraphCheckpoint Checkpoint,
    CheckpointMetadata Metadata,
    IReadOnlyDictionary<string, string> NewVersions);
