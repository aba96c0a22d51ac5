using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint.Interop.Tests.Data;

/// <summary>
/// Describes .NET values as JSON for exact comparison: the CLR shape matters (a conversation is a
/// <c>List&lt;ChatMessage&gt;</c>, an integer a <see cref="long"/>), so it is part of the description.
/// </summary>
public static class Described
{
    /// <summary>Describes a value.</summary>
    public static JsonNode? Of(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag,
        long integer => integer,
        ulong unsigned => new JsonObject { ["$uint64"] = unsigned.ToString(CultureInfo.InvariantCulture) },
        int integer => new JsonObject { ["$int32"] = integer },
        double number => new JsonObject { ["$double"] = number.ToString("R", CultureInfo.InvariantCulture) },
        decimal exact => new JsonObject { ["$decimal"] = exact.ToString(CultureInfo.InvariantCulture) },
        byte[] bytes => new JsonObject { ["$bytes"] = Convert.ToBase64String(bytes) },
        Guid guid => new JsonObject { ["$guid"] = guid.ToString() },
        DateTimeOffset instant => new JsonObject { ["$datetimeoffset"] = instant.ToString("O", CultureInfo.InvariantCulture) },
        DateTime dateTime => new JsonObject { ["$datetime"] = dateTime.ToString("O", CultureInfo.InvariantCulture) + "/" + dateTime.Kind },
        DateOnly date => new JsonObject { ["$dateonly"] = date.ToString("O", CultureInfo.InvariantCulture) },
        TimeOnly time => new JsonObject { ["$timeonly"] = time.ToString("O", CultureInfo.InvariantCulture) },
        TimeSpan span => new JsonObject { ["$timespan"] = span.ToString("c", CultureInfo.InvariantCulture) },
        DeltaSnapshot snapshot => new JsonObject { ["$snapshot"] = Of(snapshot.Value) },
        ChatMessage message => new JsonObject { ["$chat"] = OfMessage(message) },
        List<ChatMessage> messages => new JsonObject { ["$messages"] = new JsonArray([.. messages.Select(Of)]) },
        Dictionary<string, object?> map => OfMap(map),
        IDictionary map => new JsonObject { ["$map"] = OfEntries(map) },
        List<object?> items => new JsonArray([.. items.Select(Of)]),
        JsonNode node => new JsonObject { ["$json"] = node.DeepClone() },
        JsonElement element => new JsonObject { ["$json"] = JsonNode.Parse(element.GetRawText()) },
        _ => new JsonObject { ["$other"] = $"{value.GetType()}: {value}" },
    };

    private static JsonArray OfEntries(IDictionary map)
    {
        var entries = new JsonArray();
        foreach (DictionaryEntry entry in map)
        {
            entries.Add(new JsonArray(Of(entry.Key), Of(entry.Value)));
        }

        return entries;
    }

    private static JsonObject OfMap(Dictionary<string, object?> map)
    {
        var json = new JsonObject();
        foreach (var (key, value) in map)
        {
            json[key] = Of(value);
        }

        return json;
    }

    private static JsonObject OfMessage(ChatMessage message)
    {
        var json = new JsonObject
        {
            ["role"] = message.Role.Value,
            ["id"] = message.MessageId,
            ["author"] = message.AuthorName,
            ["contents"] = new JsonArray([.. message.Contents.Select(OfContent)]),
        };
        if (message.AdditionalProperties is { Count: > 0 } properties)
        {
            json["properties"] = OfMap(properties.ToDictionary(p => p.Key, p => p.Value));
        }

        return json;
    }

    private static JsonNode OfContent(AIContent content)
    {
        var json = content switch
        {
            TextContent text => new JsonObject { ["text"] = text.Text },
            TextReasoningContent reasoning => new JsonObject { ["reasoning"] = reasoning.Text },
            FunctionCallContent call => new JsonObject
            {
                ["call"] = call.CallId,
                ["name"] = call.Name,
                ["arguments"] = call.Arguments is null ? null : OfMap(call.Arguments.ToDictionary(p => p.Key, p => p.Value)),
            },
            FunctionResultContent result => new JsonObject { ["result"] = result.CallId, ["value"] = Of(result.Result) },
            _ => new JsonObject { ["content"] = content.GetType().Name },
        };
        if (content.AdditionalProperties is { Count: > 0 } properties)
        {
            json["properties"] = OfMap(properties.ToDictionary(p => p.Key, p => p.Value));
        }

        return json;
    }
}
