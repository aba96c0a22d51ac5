using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint.Cli.Inspection;

/// <summary>
/// Reads stored values for display. The tool knows none of an application's registered types: values the default
/// serializer reads (primitives, JSON, chat messages, lists and dictionaries of them) are shown in full, a JSON value
/// of an unregistered type is shown as its stored JSON, and anything else (ciphertext, foreign binary formats) by its
/// type tag and size.
/// </summary>
internal static class ValueRenderer
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Renders a stored value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>What can be shown of it.</returns>
    public static RenderedValue Render(SerializedValue value)
    {
        var bytes = value.Data?.Length ?? 0;
        if (value.Type.Contains(EncryptedSerializer.TagSuffix, StringComparison.Ordinal))
        {
            return new RenderedValue(value.Type, bytes, null, null, "encrypted");
        }

        try
        {
            var decoded = JsonCheckpointSerializer.Default.Deserialize(value);
            return decoded switch
            {
                ChatMessage message => new RenderedValue(value.Type, bytes, StoredJson(value), [message], null),
                IEnumerable<ChatMessage> messages => new RenderedValue(value.Type, bytes, StoredJson(value), [.. messages], null),
                null => new RenderedValue(value.Type, bytes, null, null, null) { IsNull = true },
                byte[] data => new RenderedValue(value.Type, bytes, null, null, $"{data.Length} bytes of binary data"),
                _ => new RenderedValue(value.Type, bytes, ToJson(decoded) ?? StoredJson(value), null, null),
            };
        }
        catch (Exception e) when (e is CheckpointSerializationException or JsonException or NotSupportedException or InvalidOperationException)
        {
            if (StoredJson(value) is { } json)
            {
                return new RenderedValue(value.Type, bytes, json, null, $"type {TypeName(value.Type)} is not known to the tool: shown as stored");
            }

            return new RenderedValue(value.Type, bytes, null, null, "not a format the tool reads");
        }
    }

    /// <summary>Returns whether the stored bytes of a value are well-formed for its tag (verify's "decodable" check).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The problem, or <see langword="null"/> when the value is well-formed or of a format the tool cannot judge.</returns>
    public static string? FindProblem(SerializedValue value)
    {
        if (value.Type.Contains(EncryptedSerializer.TagSuffix, StringComparison.Ordinal))
        {
            // Ciphertext is checked by the application's key (AES-GCM authentication), which the tool does not have.
            return value.Data is { Length: > 0 } ? null : "an encrypted value with no bytes";
        }

        if (value.Type.StartsWith("json", StringComparison.Ordinal) || value.Type.StartsWith("chunks:", StringComparison.Ordinal))
        {
            try
            {
                var reader = new Utf8JsonReader(value.Data);
                while (reader.Read())
                {
                }

                return null;
            }
            catch (JsonException e)
            {
                return $"its {value.Type} bytes are not valid JSON ({e.Message.Split('.')[0]})";
            }
        }

        if (value.Type is "null" or "bytes" or SerializedValue.EmptyType || value.Type.StartsWith("snapshot:", StringComparison.Ordinal))
        {
            try
            {
                JsonCheckpointSerializer.Default.Deserialize(value);
                return null;
            }
            catch (CheckpointSerializationException e)
            {
                return e.Message;
            }
        }

        return null;
    }

    private static JsonNode? StoredJson(SerializedValue value)
    {
        if (!value.Type.StartsWith("json", StringComparison.Ordinal) || value.Data is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(value.Data);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? ToJson(object? value)
    {
        try
        {
            return value is JsonNode node ? node.DeepClone() : JsonSerializer.SerializeToNode(value, Web);
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            return value is null ? null : JsonValue.Create(value.ToString());
        }
    }

    private static string TypeName(string tag) => tag.StartsWith("json:", StringComparison.Ordinal) ? $"'{tag[5..]}'" : $"'{tag}'";

    /// <summary>Returns a message's text for display, with a note for content that is not text.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The text.</returns>
    public static string TextOf(ChatMessage message)
    {
        var text = new StringBuilder(message.Text);
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case FunctionCallContent call:
                    text.Append($"\n[tool call {call.Name}({JsonSerializer.Serialize(call.Arguments, Web)})]");
                    break;
                case FunctionResultContent result:
                    text.Append($"\n[tool result {JsonSerializer.Serialize(result.Result, Web)}]");
                    break;
                case TextContent:
                    break;
                default:
                    text.Append($"\n[{content.GetType().Name}]");
                    break;
            }
        }

        return text.ToString().Trim();
    }
}
