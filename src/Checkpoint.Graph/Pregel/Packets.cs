using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Graph.Pregel;

/// <summary>
/// The JSON shapes the runtime stores for interrupts, answers and sends: the shapes LangGraph.js writes
/// (<c>[{"value": ..., "id": ...}]</c> for <c>__interrupt__</c>, <c>{"node": ..., "args": ...}</c> for a send), so any
/// serializer can store them and they read back the same after a restart.
/// </summary>
internal static class Packets
{
    /// <summary>Returns a value as JSON: a <see cref="JsonNode"/> is copied, anything else serialized with the checkpoint JSON options.</summary>
    public static JsonNode? ToJson(object? value, string what)
    {
        try
        {
            return value switch
            {
                null => null,
                JsonNode node => node.DeepClone(),
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                _ => JsonSerializer.SerializeToNode(value, value.GetType(), JsonCheckpointSerializer.DefaultJsonSerializerOptions),
            };
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new ArgumentException($"The {what} ({value!.GetType().Name}) cannot be stored as JSON: {e.Message}", e);
        }
    }

    public static JsonArray InterruptWrite(IEnumerable<Interrupt> interrupts) =>
        [.. interrupts.Select(i => (JsonNode)new JsonObject { ["value"] = i.Value?.DeepClone(), ["id"] = i.Id })];

    /// <summary>Reads the interrupts of an <c>__interrupt__</c> write, whatever form the serializer returned them in.</summary>
    public static List<Interrupt> ReadInterrupts(object? value)
    {
        var result = new List<Interrupt>();
        var json = ToJson(value, "interrupt write");
        foreach (var item in json is JsonArray array ? array : [json])
        {
            if (item is JsonObject obj && obj["id"] is JsonValue id && id.TryGetValue<string>(out var text))
            {
                result.Add(new Interrupt(text, obj["value"]?.DeepClone()));
            }
        }

        return result;
    }

    /// <summary>Reads the answers of a <c>__resume__</c> write of a task: the list of answers given so far, in call order.</summary>
    public static List<JsonNode?> ReadAnswers(object? value) =>
        ToJson(value, "resume write") is JsonArray array ? [.. array.Select(a => a?.DeepClone())] : [];

    public static JsonObject SendWrite(string node, JsonObject args) => new() { ["node"] = node, ["args"] = args };

    /// <summary>Reads a send from the <c>__pregel_tasks</c> channel; other packets are skipped, as LangGraph does.</summary>
    public static bool TryReadSend(object? packet, out string node, out JsonObject args)
    {
        node = string.Empty;
        args = [];
        JsonNode? json;
        try
        {
            json = ToJson(packet, "send");
        }
        catch (ArgumentException)
        {
            return false;
        }

        if (json is not JsonObject obj || obj["node"] is not JsonValue name || !name.TryGetValue(out string? text) || string.IsNullOrEmpty(text))
        {
            return false;
        }

        node = text;
        args = obj["args"] as JsonObject ?? [];
        return true;
    }
}
