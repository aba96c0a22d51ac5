using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Checkpoint.Serialization.LangGraph;

/// <summary>
/// Maps LangChain messages (the fields of an <c>lc</c> constructor's <c>kwargs</c>, or of a pydantic <c>model_dump()</c>:
/// both use the same names) to Microsoft.Extensions.AI <see cref="ChatMessage"/> and back.
/// </summary>
/// <remarks>
/// <para>
/// <c>id</c> is <see cref="ChatMessage.MessageId"/>, <c>name</c> is <see cref="ChatMessage.AuthorName"/>, text content
/// is <see cref="TextContent"/>, <c>tool_calls</c> are <see cref="FunctionCallContent"/>, and a tool message's content
/// and <c>tool_call_id</c> are one <see cref="FunctionResultContent"/>. Every other field that is not at its default
/// (<c>additional_kwargs</c>, <c>response_metadata</c>, <c>usage_metadata</c>, <c>status</c>, <c>artifact</c>, ...)
/// is kept in <see cref="ChatMessage.AdditionalProperties"/> under its LangChain name and written back from there.
/// </para>
/// <para>
/// Two markers in <see cref="ChatMessage.AdditionalProperties"/> record what the role cannot: <c>lc_class</c>, the
/// LangChain class when it is not the one the role implies (a chunk, a <c>ChatMessage</c>), and
/// <c>lc_content_blocks</c>, set when the content was a list of blocks rather than a string.
/// </para>
/// </remarks>
internal static class LangChainMessages
{
    /// <summary>The marker key holding the LangChain class name.</summary>
    public const string ClassKey = "lc_class";

    /// <summary>The marker key set when the content was a list of blocks.</summary>
    public const string BlocksKey = "lc_content_blocks";

    private static readonly HashSet<string> MappedFields = new(StringComparer.Ordinal)
    {
        "content", "id", "name", "type", "tool_calls", "tool_call_id", "role",
    };

    /// <summary>Builds a message from the fields of an allow-listed class.</summary>
    public static ChatMessage ToChatMessage(LangChainMessageClass messageClass, IReadOnlyDictionary<string, object?> fields)
    {
        var role = messageClass.Role ?? new ChatRole(fields.GetValueOrDefault("role") as string is { Length: > 0 } r ? r : "chat");
        var message = new ChatMessage(role, (IList<AIContent>?)null)
        {
            MessageId = fields.GetValueOrDefault("id") as string,
            AuthorName = fields.GetValueOrDefault("name") as string,
        };
        var content = fields.GetValueOrDefault("content");
        if (messageClass.Role == LangChainMessageClass.RemoveRole)
        {
            // A removal has no content (LangChain JS stores [], Python "").
        }
        else if (messageClass.Role == ChatRole.Tool)
        {
            var callId = fields.GetValueOrDefault("tool_call_id") as string ?? string.Empty;
            message.Contents.Add(new FunctionResultContent(callId, content));
        }
        else if (content is IList blocks)
        {
            SetProperty(message, BlocksKey, true);
            foreach (var block in blocks)
            {
                message.Contents.Add(ReadBlock(block));
            }
        }
        else if (content is string { Length: > 0 } text)
        {
            message.Contents.Add(new TextContent(text));
        }

        if (fields.GetValueOrDefault("tool_calls") is IList calls)
        {
            foreach (var call in calls)
            {
                message.Contents.Add(ReadToolCall(call));
            }
        }

        if (messageClass != LangChainMessageClass.ForRole(role))
        {
            SetProperty(message, ClassKey, messageClass.Name);
        }

        foreach (var (key, value) in fields)
        {
            if (!MappedFields.Contains(key) && !IsDefault(key, value))
            {
                SetProperty(message, key, value);
            }
        }

        return message;
    }

    /// <summary>
    /// Returns the LangChain messages a .NET message becomes: usually one, but a tool message with several results
    /// becomes one tool message per result (LangChain has one tool call id per message).
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="python">Whether the fields are for LangChain Python (<c>type</c> set, content of a removal an empty string).</param>
    /// <exception cref="CheckpointSerializationException">The message holds content LangChain has no form for.</exception>
    public static List<(LangChainMessageClass Class, Dictionary<string, object?> Fields)> FromChatMessage(ChatMessage message, bool python)
    {
        var properties = message.AdditionalProperties;
        var messageClass = LangChainMessageClass.Find(properties?.GetValueOrDefault(ClassKey) as string) is { } marked && Compatible(marked, message.Role)
            ? marked
            : LangChainMessageClass.ForRole(message.Role);
        var results = message.Contents.OfType<FunctionResultContent>().ToList();
        if (messageClass.Role != ChatRole.Tool || results.Count <= 1)
        {
            return [(messageClass, BuildFields(message, messageClass, results.SingleOrDefault(), python))];
        }

        return [.. results.Select(result => (messageClass, BuildFields(message, messageClass, result, python)))];
    }

    private static Dictionary<string, object?> BuildFields(ChatMessage message, LangChainMessageClass messageClass, FunctionResultContent? result, bool python)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
        var properties = message.AdditionalProperties;
        if (messageClass.Role == ChatRole.Tool)
        {
            var callId = result?.CallId ?? properties?.GetValueOrDefault("tool_call_id") as string
                ?? throw new CheckpointSerializationException(
                    "A tool message needs a FunctionResultContent (LangChain's ToolMessage requires the id of the tool call it answers).");
            fields["content"] = result is null ? ContentOf(message, properties, python) : ToolContent(result.Result);
            fields["tool_call_id"] = callId;
        }
        else if (messageClass.Role == LangChainMessageClass.RemoveRole)
        {
            fields["content"] = python ? string.Empty : new List<object?>();
        }
        else
        {
            fields["content"] = ContentOf(message, properties, python);
        }

        if (messageClass.Role is null)
        {
            fields["role"] = message.Role.Value;
        }

        if (message.AuthorName is not null)
        {
            fields["name"] = message.AuthorName;
        }

        if (message.MessageId is not null)
        {
            fields["id"] = message.MessageId;
        }

        fields["additional_kwargs"] = new Dictionary<string, object?>(StringComparer.Ordinal);
        fields["response_metadata"] = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (messageClass.Role == ChatRole.Assistant)
        {
            fields["tool_calls"] = message.Contents.OfType<FunctionCallContent>().Select(WriteToolCall).ToList<object?>();
            fields["invalid_tool_calls"] = new List<object?>();
        }

        foreach (var (key, value) in properties ?? [])
        {
            if (key is not (ClassKey or BlocksKey) && !MappedFields.Contains(key))
            {
                fields[key] = value;
            }
        }

        if (!python)
        {
            return fields;
        }

        // As model_dump() gives them: every declared field in declaration order (defaults included), then extras.
        fields["type"] = messageClass.PythonType;
        var ordered = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in messageClass.PythonFields)
        {
            ordered[name] = fields.TryGetValue(name, out var value) ? value : PythonDefault(name);
        }

        foreach (var (key, value) in fields)
        {
            ordered.TryAdd(key, value);
        }

        return ordered;
    }

    private static object? PythonDefault(string field) => field switch
    {
        "additional_kwargs" or "response_metadata" => new Dictionary<string, object?>(StringComparer.Ordinal),
        "tool_calls" or "invalid_tool_calls" or "tool_call_chunks" => new List<object?>(),
        "status" => "success",
        _ => null,
    };

    private static bool Compatible(LangChainMessageClass marked, ChatRole role) =>
        marked.Role is null || marked.Role == role;

    private static object? ContentOf(ChatMessage message, AdditionalPropertiesDictionary? properties, bool python)
    {
        var contents = message.Contents.Where(c => c is not FunctionCallContent).ToList();
        var asBlocks = properties?.GetValueOrDefault(BlocksKey) is true
            || contents.Any(c => c is not TextContent || c.AdditionalProperties is { Count: > 0 });
        if (!asBlocks)
        {
            return message.Text;
        }

        var blocks = new List<object?>(contents.Count);
        foreach (var content in contents)
        {
            blocks.Add(WriteBlock(content, python));
        }

        return blocks;
    }

    private static object? ToolContent(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        IList list => list,
        _ => JsonSerializer.Serialize(result, result.GetType(), JsonCheckpointSerializer.DefaultJsonSerializerOptions),
    };

    private static AIContent ReadBlock(object? block)
    {
        if (block is string text)
        {
            return new TextContent(text);
        }

        if (block is not Dictionary<string, object?> fields)
        {
            return new AIContent { AdditionalProperties = new() { ["value"] = block } };
        }

        var type = fields.GetValueOrDefault("type") as string;
        AIContent content = type switch
        {
            "text" when fields.GetValueOrDefault("text") is string t => new TextContent(t),
            "reasoning" when fields.GetValueOrDefault("reasoning") is string r => new TextReasoningContent(r),
            _ => new AIContent(),
        };
        var consumed = content switch
        {
            TextContent => new[] { "type", "text" },
            TextReasoningContent => ["type", "reasoning"],
            _ => [],
        };
        foreach (var (key, value) in fields)
        {
            if (!consumed.Contains(key))
            {
                (content.AdditionalProperties ??= [])[key] = value;
            }
        }

        content.RawRepresentation = block;
        return content;
    }

    private static Dictionary<string, object?> WriteBlock(AIContent content, bool python)
    {
        var block = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (content)
        {
            case TextContent text:
                block["type"] = "text";
                block["text"] = text.Text;
                break;
            case TextReasoningContent reasoning:
                block["type"] = "reasoning";
                block["reasoning"] = reasoning.Text;
                break;
            case UriContent uri:
                block["type"] = MediaKind(uri.MediaType);
                block["url"] = uri.Uri.ToString();
                block["mime_type"] = uri.MediaType;
                break;
            case DataContent data:
                block["type"] = MediaKind(data.MediaType);
                block[python ? "base64" : "data"] = Convert.ToBase64String(data.Data.Span);
                block["mime_type"] = data.MediaType;
                break;
            default:
                if (content.GetType() != typeof(AIContent))
                {
                    throw new CheckpointSerializationException(
                        $"A chat message holds a {content.GetType().Name}, which has no LangChain content block; LangGraph could not read it back.");
                }

                break;
        }

        foreach (var (key, value) in content.AdditionalProperties ?? [])
        {
            block.TryAdd(key, value);
        }

        return block;
    }

    private static string MediaKind(string mediaType)
    {
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        var kind = slash < 0 ? mediaType : mediaType[..slash];
        return kind is "image" or "audio" or "video" ? kind : "file";
    }

    private static FunctionCallContent ReadToolCall(object? call)
    {
        var fields = call as Dictionary<string, object?> ?? [];
        var arguments = fields.GetValueOrDefault("args") as Dictionary<string, object?>;
        var content = new FunctionCallContent(fields.GetValueOrDefault("id") as string ?? string.Empty, fields.GetValueOrDefault("name") as string ?? string.Empty, arguments);
        foreach (var (key, value) in fields)
        {
            if (key is not ("id" or "name" or "type") && !(key == "args" && arguments is not null))
            {
                (content.AdditionalProperties ??= [])[key] = value;
            }
        }

        content.RawRepresentation = call;
        return content;
    }

    private static Dictionary<string, object?> WriteToolCall(FunctionCallContent call)
    {
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = call.Name,
            ["args"] = call.Arguments ?? new Dictionary<string, object?>(),
            ["id"] = call.CallId,
            ["type"] = "tool_call",
        };
        foreach (var (key, value) in call.AdditionalProperties ?? [])
        {
            fields.TryAdd(key, value);
        }

        return fields;
    }

    /// <summary>Fields at their LangChain defaults carry nothing: they are written back from the defaults.</summary>
    private static bool IsDefault(string key, object? value) => key switch
    {
        "additional_kwargs" or "response_metadata" => value is null or IDictionary { Count: 0 },
        "invalid_tool_calls" or "tool_call_chunks" => value is null or IList { Count: 0 },
        "example" => value is null or false,
        _ => value is null,
    };

    private static void SetProperty(ChatMessage message, string key, object? value) =>
        (message.AdditionalProperties ??= [])[key] = value;
}
