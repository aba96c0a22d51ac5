using Microsoft.Extensions.AI;

namespace Checkpoint.Abstractions.Tests.Serialization;

/// <summary>Chat messages holding every content kind the serializer knows, with every optional member set somewhere.</summary>
internal static class ChatMessageSamples
{
    public static List<ChatMessage> EveryContentKind()
    {
        var call = new FunctionCallContent("call-1", "lookup", new Dictionary<string, object?>
        {
            ["city"] = "Oslo",
            ["days"] = 3,
            ["filters"] = new Dictionary<string, object?> { ["units"] = "metric", ["fields"] = new List<object?> { "temp", 1.5, null, true } },
        })
        { InformationalOnly = true };
        var usage = new UsageDetails
        {
            InputTokenCount = 10,
            OutputTokenCount = 20,
            TotalTokenCount = 30,
            CachedInputTokenCount = 1,
            ReasoningTokenCount = 2,
            AdditionalCounts = new() { ["audio"] = 4 },
        };

        return
        [
            new(ChatRole.System, "You are terse.") { MessageId = "m0", AuthorName = "setup" },
            new(ChatRole.User, [new TextContent("look") { Annotations = [new CitationAnnotation { Title = "t", Url = new Uri("https://example.com/c"), Snippet = "s", AnnotatedRegions = [new TextSpanAnnotatedRegion { StartIndex = 1, EndIndex = 3 }] }] }])
            {
                CreatedAt = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.FromHours(5.5)),
                AdditionalProperties = new AdditionalPropertiesDictionary
                {
                    ["turn"] = 4,
                    ["nested"] = new Dictionary<string, object?> { ["deeper"] = new Dictionary<string, object?> { ["list"] = new List<object?> { 1L, "x", null } } },
                    ["none"] = null,
                    ["ratio"] = 0.25,
                },
            },
            new(ChatRole.Assistant, [new TextReasoningContent("thinking") { ProtectedData = "opaque" }, call]) { MessageId = "m2" },
            new(ChatRole.Tool, [new FunctionResultContent("call-1", new Dictionary<string, object?> { ["temp"] = -2.5, ["ok"] = true, ["tags"] = new List<object?> { "a" } })]),
            new(ChatRole.Tool, [new FunctionResultContent("call-2", "plain text result"), new FunctionResultContent("call-3", null)]),
            new(ChatRole.User,
            [
                new UriContent(new Uri("https://example.com/a.png"), "image/png"),
                new DataContent(new byte[] { 1, 2, 3, 255 }, "application/octet-stream") { Name = "blob.bin" },
                new DataContent("data:text/plain;base64,aGVsbG8="),
                new HostedFileContent("file-1") { MediaType = "text/csv", Name = "data.csv" },
                new HostedVectorStoreContent("vs-1"),
            ]),
            new(ChatRole.Assistant, [new ErrorContent("rate limited") { ErrorCode = "429", Details = "retry later" }, new UsageContent(usage)]),
            new(ChatRole.Assistant,
            [
                new ToolApprovalRequestContent("req-1", new FunctionCallContent("call-4", "delete", new Dictionary<string, object?> { ["id"] = 7 })),
                new ToolApprovalResponseContent("req-1", true, new FunctionCallContent("call-4", "delete")) { Reason = "fine" },
                new McpServerToolCallContent("call-5", "search", "docs") { Arguments = new Dictionary<string, object?> { ["q"] = "x" } },
                new McpServerToolResultContent("call-5") { Outputs = [new TextContent("found")] },
            ]),
            new(ChatRole.Assistant,
            [
                new ImageGenerationToolCallContent("img-1"),
                new ImageGenerationToolResultContent("img-1") { Outputs = [new UriContent(new Uri("https://example.com/i.png"), "image/png")] },
                new CodeInterpreterToolCallContent("code-1") { Inputs = [new TextContent("print(1)")] },
                new CodeInterpreterToolResultContent("code-1") { Outputs = [new TextContent("1")] },
                new WebSearchToolCallContent("web-1") { Queries = ["weather oslo"] },
                new WebSearchToolResultContent("web-1") { Outputs = [new UriContent(new Uri("https://example.com/w"), "text/html")] },
            ]),
            new(ChatRole.Assistant,
            [
                new ToolCallContent("tool-1"),
                new ToolResultContent("tool-1"),
                new TextContent(null) { AdditionalProperties = new() { ["k"] = new List<object?> { new Dictionary<string, object?> { ["a"] = null } } } },
            ]),
            new(new ChatRole("custom-role"), (string?)null),
            new() { Contents = [] },
        ];
    }

    /// <summary>Content types that are abstract bases in the serializer's polymorphism list (they appear only through their derived types).</summary>
    public static IEnumerable<Type> ContentTypes(IEnumerable<ChatMessage> messages)
    {
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                foreach (var type in Nested(content))
                {
                    yield return type;
                }
            }
        }
    }

    private static IEnumerable<Type> Nested(AIContent content)
    {
        yield return content.GetType();
        IEnumerable<AIContent>? children = content switch
        {
            ToolApprovalRequestContent request => [request.ToolCall],
            ToolApprovalResponseContent response => [response.ToolCall],
            McpServerToolResultContent mcp => mcp.Outputs,
            ImageGenerationToolResultContent image => image.Outputs,
            CodeInterpreterToolCallContent code => code.Inputs,
            CodeInterpreterToolResultContent code => code.Outputs,
            WebSearchToolResultContent web => web.Outputs,
            _ => null,
        };
        foreach (var child in children ?? [])
        {
            foreach (var type in Nested(child))
            {
                yield return type;
            }
        }
    }
}
