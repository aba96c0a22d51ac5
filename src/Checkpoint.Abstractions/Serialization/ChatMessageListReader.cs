using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Checkpoint;

/// <summary>
/// Reads a stored <c>list&lt;chatmessage&gt;</c> written with the default JSON contracts, building the messages of the
/// common shape directly: a role, text contents, a message id, an author name. A conversation's history is read whole on
/// every cold read, and System.Text.Json's general object reader (a frame per object, a parameterized constructor for
/// every <see cref="TextContent"/>) costs several times what building those objects does.
/// </summary>
/// <remarks>
/// Every message of another shape (other contents, a creation time, additional properties, a name in another case, a
/// repeated property, <see langword="null"/> values, an unknown role) is read by the serializer's own contract from
/// where it starts, so the result is always what <see cref="JsonSerializer"/> gives, built through the same public
/// constructors and setters. JSON that is not valid is left to the serializer, which reports it.
/// </remarks>
internal static class ChatMessageListReader
{
    /// <summary>Reads the list, or returns <see langword="null"/> when the serializer must read it (the JSON is not a valid list of objects).</summary>
    public static List<ChatMessage>? TryRead(ReadOnlySpan<byte> json, JsonSerializerOptions options)
    {
        var contract = (JsonTypeInfo<ChatMessage>)options.GetTypeInfo(typeof(ChatMessage));
        var reader = new Utf8JsonReader(json, new JsonReaderOptions
        {
            MaxDepth = options.MaxDepth,
            CommentHandling = options.ReadCommentHandling,
            AllowTrailingCommas = options.AllowTrailingCommas,
        });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return null;
            }

            var messages = new List<ChatMessage>();
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var start = reader;
                if (TryReadCommon(ref reader) is not { } message)
                {
                    reader = start;
                    message = JsonSerializer.Deserialize(ref reader, contract);
                }

                messages.Add(message!);
            }

            // Anything after the list, or a list item that is not an object, is for the serializer to read or report.
            return reader.TokenType == JsonTokenType.EndArray && !reader.Read() ? messages : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a message of the common shape from its start, or returns <see langword="null"/> (the reader is then anywhere inside it).</summary>
    private static ChatMessage? TryReadCommon(ref Utf8JsonReader reader)
    {
        ChatRole? role = null;
        List<AIContent>? contents = null;
        string? messageId = null;
        string? authorName = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("role"u8) && role is null)
            {
                role = reader.Read() && reader.TokenType == JsonTokenType.String ? KnownRole(ref reader) : null;
                if (role is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("contents"u8) && contents is null)
            {
                contents = reader.Read() && reader.TokenType == JsonTokenType.StartArray ? TryReadTextContents(ref reader) : null;
                if (contents is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("messageId"u8) && messageId is null)
            {
                messageId = reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (messageId is null)
                {
                    return null;
                }
            }
            else if (reader.ValueTextEquals("authorName"u8) && authorName is null)
            {
                authorName = reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                if (authorName is null)
                {
                    return null;
                }
            }
            else
            {
                return null;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || role is null)
        {
            return null;
        }

        // The setters the serializer's contract uses, in case they normalize (an author name of spaces is none).
        var message = new ChatMessage { Role = role.Value };
        if (contents is not null)
        {
            message.Contents = contents;
        }

        if (messageId is not null)
        {
            message.MessageId = messageId;
        }

        if (authorName is not null)
        {
            message.AuthorName = authorName;
        }

        return message;
    }

    /// <summary>Reads contents that are all <c>{"$type":"text","text":"..."}</c> from the start of their array, or returns <see langword="null"/>.</summary>
    private static List<AIContent>? TryReadTextContents(ref Utf8JsonReader reader)
    {
        var contents = new List<AIContent>(1);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (!(reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("$type"u8)
                && reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("text"u8)
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("text"u8)
                && reader.Read() && reader.TokenType == JsonTokenType.String))
            {
                return null;
            }

            var text = reader.GetString();
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndObject)
            {
                return null;
            }

            contents.Add(new TextContent(text));
        }

        return reader.TokenType == JsonTokenType.EndArray ? contents : null;
    }

    /// <summary>Returns the well-known role a string names exactly (the same value the serializer would build), or <see langword="null"/>.</summary>
    private static ChatRole? KnownRole(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("user"u8) ? ChatRole.User
        : reader.ValueTextEquals("assistant"u8) ? ChatRole.Assistant
        : reader.ValueTextEquals("system"u8) ? ChatRole.System
        : reader.ValueTextEquals("tool"u8) ? ChatRole.Tool
        : null;
}
