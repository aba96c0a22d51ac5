using System.Text;
using Microsoft.Extensions.AI;

namespace Checkpoint.Abstractions.Tests.Serialization;

/// <summary>
/// Copy and equality of <see cref="ChatMessage"/> items as warm reads and puts use them, for every content kind: a copy
/// shares nothing a caller can change, and a change anywhere inside a message makes it unequal. That a stored message
/// and a copy serialize and compare as the original is checked with every other sample list by <see cref="ListItemCodecTests"/>.
/// </summary>
public sealed class ChatMessageItemTests
{
    public static TheoryData<int> Messages => [.. Enumerable.Range(0, ChatMessageSamples.EveryContentKind().Count)];

    public static TheoryData<string> Edits => [.. EditsByName.Keys];

    private static ListItemCodec Codec => ListSamples.Serializer.ListItems;

    private static ListDescription Description => Codec.Describe(new List<ChatMessage>())!;

    // Each edit changes what a message serializes to, somewhere deep inside it.
    private static Dictionary<string, (int Message, Action<ChatMessage> Edit)> EditsByName { get; } = new()
    {
        ["author"] = (0, m => m.AuthorName = "setup2"),
        ["message id"] = (0, m => m.MessageId = "m0 "),
        ["text"] = (0, m => m.Contents[0] = new TextContent("You are terse!")),
        ["content kind"] = (0, m => m.Contents[0] = new TextReasoningContent("You are terse.")),
        ["property added"] = (1, m => m.AdditionalProperties!["more"] = null),
        ["property value type"] = (1, m => m.AdditionalProperties!["turn"] = "4"),
        ["argument value type"] = (2, m => ((FunctionCallContent)m.Contents[1]).Arguments!["days"] = "3"),
        ["created offset"] = (1, m => m.CreatedAt = m.CreatedAt!.Value.ToOffset(TimeSpan.Zero)),
        ["nested property value"] = (1, m => Nested(m.AdditionalProperties!["nested"])["deeper"] = new Dictionary<string, object?> { ["list"] = new List<object?> { 1L, "y", null } }),
        ["nested list item"] = (1, m => ((List<object?>)Nested(Nested(m.AdditionalProperties!["nested"])["deeper"])["list"]!)[2] = false),
        ["null property removed"] = (1, m => m.AdditionalProperties!.Remove("none")),
        ["property order"] = (1, m => m.AdditionalProperties = new(m.AdditionalProperties!.Reverse().ToDictionary())),
        ["integer to fraction"] = (1, m => m.AdditionalProperties!["turn"] = 4.5),
        ["no properties to empty"] = (2, m => m.AdditionalProperties = []),
        ["annotation region"] = (1, m => ((TextSpanAnnotatedRegion)m.Contents[0].Annotations![0].AnnotatedRegions![0]).EndIndex = 4),
        ["protected data"] = (2, m => ((TextReasoningContent)m.Contents[0]).ProtectedData = null),
        ["informational only"] = (2, m => ((FunctionCallContent)m.Contents[1]).InformationalOnly = false),
        ["argument deep"] = (2, m => ((List<object?>)Nested(((FunctionCallContent)m.Contents[1]).Arguments!["filters"])["fields"]!).Add(0)),
        ["result value"] = (3, m => Nested(((FunctionResultContent)m.Contents[0]).Result)["temp"] = -2.0),
        ["result null to text"] = (4, m => ((FunctionResultContent)m.Contents[1]).Result = string.Empty),
        ["data name"] = (5, m => ((DataContent)m.Contents[1]).Name = "other.bin"),
        ["content order"] = (5, m => (m.Contents[0], m.Contents[1]) = (m.Contents[1], m.Contents[0])),
        ["usage count"] = (6, m => ((UsageContent)m.Contents[1]).Details.OutputTokenCount = 21),
        ["usage additional count"] = (6, m => ((UsageContent)m.Contents[1]).Details.AdditionalCounts!["audio"] = 5),
        ["approval reason"] = (7, m => ((ToolApprovalResponseContent)m.Contents[1]).Reason = null),
        ["nested tool call arguments"] = (7, m => ((FunctionCallContent)((ToolApprovalRequestContent)m.Contents[0]).ToolCall).Arguments!["id"] = 8),
        ["search query"] = (8, m => ((WebSearchToolCallContent)m.Contents[4]).Queries![0] = "weather bergen"),
        ["nested output"] = (8, m => ((TextContent)((CodeInterpreterToolResultContent)m.Contents[3]).Outputs![0]).Text = "2"),
        ["content property"] = (9, m => m.Contents[2].AdditionalProperties!["k"] = null),
        ["role"] = (10, m => m.Role = new ChatRole("Custom-role")),
        ["content added"] = (11, m => m.Contents.Add(new TextContent(string.Empty))),
    };

    [Fact]
    public void Every_content_kind_the_serializer_knows_is_sampled()
    {
        // Bases such as InputRequestContent have no public constructor: only their derived types can be held.
        var known = JsonCheckpointSerializer.DefaultJsonSerializerOptions.GetTypeInfo(typeof(AIContent)).PolymorphismOptions!.DerivedTypes
            .Select(d => d.DerivedType).Where(t => t.GetConstructors().Length > 0);
        var sampled = ChatMessageSamples.ContentTypes(ChatMessageSamples.EveryContentKind()).ToHashSet();

        Assert.Equal([], known.Where(t => !sampled.Contains(t)).Select(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Changing_everything_in_a_copy_leaves_the_stored_message_as_it_was(int index)
    {
        var (_, stored) = Stored(index);
        var before = Json(stored);
        Assert.True(Codec.TryCopyItem(Description, stored, out var copy));

        ChangeEverything((ChatMessage)copy!);

        Assert.NotEqual(before, Json(copy));
        Assert.Equal(before, Json(stored));
        Assert.False(Codec.ItemEquals(Description, copy, stored));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Changing_everything_in_the_stored_message_leaves_a_copy_as_it_was(int index)
    {
        var (_, stored) = Stored(index);
        Assert.True(Codec.TryCopyItem(Description, stored, out var copy));
        var before = Json(copy);

        ChangeEverything(stored);

        Assert.Equal(before, Json(copy));
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void A_change_anywhere_inside_a_message_makes_it_unequal_to_the_stored_one(string edit)
    {
        var (index, change) = EditsByName[edit];
        var (current, stored) = Stored(index);

        change(current);

        Assert.NotEqual(Json(stored), Json(current));
        Assert.False(Codec.ItemEquals(Description, current, stored));
        Assert.False(Codec.ItemEquals(Description, stored, current));
    }

    [Fact]
    public void Copies_of_copies_stay_faithful_and_independent()
    {
        var list = ChatMessageSamples.EveryContentKind();
        var stored = Codec.DeserializeChunk(ListSamples.Serializer.Serialize(list));
        var before = ListSamples.Json(stored);

        for (var i = 0; i < stored.Count; i++)
        {
            Assert.True(Codec.TryCopyItem(Description, stored[i], out var first));
            Assert.True(Codec.TryCopyItem(Description, first, out var second));
            ChangeEverything((ChatMessage)first!);

            Assert.Equal(Json(stored[i]), Json(second));
        }

        Assert.Equal(before, ListSamples.Json(stored));
    }

    private static (ChatMessage Original, ChatMessage Stored) Stored(int index)
    {
        var list = ChatMessageSamples.EveryContentKind();
        var stored = Codec.DeserializeChunk(ListSamples.Serializer.Serialize(list));
        return (list[index], (ChatMessage)stored[index]!);
    }

    private static string Json(object? message) => Encoding.UTF8.GetString(Codec.SerializeItem(Description, message));

    private static Dictionary<string, object?> Nested(object? value) => (Dictionary<string, object?>)value!;

    // Changes every mutable thing reachable from a message, in place: its members, its lists and dictionaries and
    // everything nested in them, and every content's members.
    private static void ChangeEverything(ChatMessage message)
    {
        message.MessageId += "'";
        ChangeProperties(message.AdditionalProperties);
        foreach (var content in message.Contents.ToList())
        {
            ChangeContent(content);
        }

        message.Contents.Add(new TextContent("added"));
    }

    private static void ChangeContent(AIContent content)
    {
        ChangeProperties(content.AdditionalProperties);
        foreach (var annotation in content.Annotations ?? [])
        {
            ChangeProperties(annotation.AdditionalProperties);
            if (annotation is CitationAnnotation citation)
            {
                citation.Title += "'";
                foreach (var region in citation.AnnotatedRegions ?? [])
                {
                    ((TextSpanAnnotatedRegion)region).StartIndex++;
                }

                citation.AnnotatedRegions?.Add(new TextSpanAnnotatedRegion { StartIndex = 0, EndIndex = 0 });
            }
        }

        content.Annotations?.Add(new CitationAnnotation { Title = "added" });
        switch (content)
        {
            case TextContent text:
                text.Text += "'";
                break;
            case TextReasoningContent reasoning:
                reasoning.Text += "'";
                break;
            case FunctionCallContent call:
                ChangeValue(call.Arguments);
                break;
            case FunctionResultContent result:
                ChangeValue(result.Result);
                result.Result ??= "now set";
                break;
            case DataContent data:
                data.Name += "'";
                break;
            case UriContent uri:
                uri.MediaType = "text/plain";
                break;
            case UsageContent usage:
                usage.Details.InputTokenCount++;
                ChangeValue(usage.Details.AdditionalCounts);
                break;
            case ErrorContent error:
                error.Details += "'";
                break;
            case HostedFileContent file:
                file.Name += "'";
                break;
            case ToolApprovalRequestContent request:
                ChangeContent(request.ToolCall);
                break;
            case ToolApprovalResponseContent response:
                ChangeContent(response.ToolCall);
                response.Reason += "'";
                break;
            case McpServerToolCallContent mcp:
                ChangeValue(mcp.Arguments);
                break;
            case WebSearchToolCallContent search:
                search.Queries?.Add("another");
                break;
        }

        foreach (var nested in Outputs(content))
        {
            foreach (var child in nested.ToList())
            {
                ChangeContent(child);
            }

            nested.Add(new TextContent("added"));
        }

        if (content.AdditionalProperties is null)
        {
            content.AdditionalProperties = new() { ["added"] = true };
        }
    }

    private static IEnumerable<IList<AIContent>> Outputs(AIContent content)
    {
        var lists = content switch
        {
            McpServerToolResultContent mcp => [mcp.Outputs],
            ImageGenerationToolResultContent image => [image.Outputs],
            CodeInterpreterToolCallContent code => [code.Inputs],
            CodeInterpreterToolResultContent code => [code.Outputs],
            WebSearchToolResultContent web => [web.Outputs],
            _ => Array.Empty<IList<AIContent>?>(),
        };
        return lists.OfType<IList<AIContent>>();
    }

    private static void ChangeProperties(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null)
        {
            return;
        }

        foreach (var (_, value) in properties.ToList())
        {
            ChangeValue(value);
        }

        properties["added"] = 1;
    }

    private static void ChangeValue(object? value)
    {
        switch (value)
        {
            case IDictionary<string, object?> dictionary:
                foreach (var (_, item) in dictionary.ToList())
                {
                    ChangeValue(item);
                }

                dictionary["added"] = "x";
                break;
            case IDictionary<string, long> counts:
                counts["added"] = 1;
                break;
            case IList<object?> list:
                foreach (var item in list.ToList())
                {
                    ChangeValue(item);
                }

                list.Add("added");
                break;
        }
    }
}
