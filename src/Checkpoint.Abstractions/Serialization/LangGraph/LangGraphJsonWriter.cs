using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint.Serialization.LangGraph;

/// <summary>
/// Writes .NET values as LangGraph.js stores them under the <c>json</c> tag, so <c>@langchain/langgraph-checkpoint</c>
/// reads them back as the JavaScript values its own serializer would have written.
/// </summary>
/// <remarks>
/// Chat messages become LangChain JS <c>lc: 1</c> constructors (<c>["langchain_core","messages",Class]</c>), a nested
/// <see cref="byte"/> array a <c>Uint8Array</c> record, a set a <c>Set</c> record, a dictionary with keys that are not
/// strings a <c>Map</c> record, a <see cref="DeltaSnapshot"/> a delta snapshot record. Any other object is written as
/// System.Text.Json writes it (what <c>toJSON</c> does in JavaScript).
/// </remarks>
internal static class LangGraphJsonWriter
{
    private const int MaxDepth = 256;
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = MaxDepth + 8 };

    /// <summary>Writes a value as UTF-8 JSON.</summary>
    /// <exception cref="CheckpointSerializationException">The value, or something in it, has no LangGraph.js form; names its path.</exception>
    public static byte[] Write(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteValue(writer, value, "$", 0, inKwargs: false);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, string path, int depth, bool inKwargs)
    {
        if (depth > MaxDepth)
        {
            throw Fail(path, $"the value is nested more than {MaxDepth} levels deep (is there a cycle?)");
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string text:
                writer.WriteStringValue(text);
                return;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return;
            case sbyte or short or int or long or byte or ushort or uint:
                writer.WriteNumberValue(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case ulong unsigned:
                writer.WriteNumberValue(unsigned);
                return;
            case float or double:
                var number = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(number))
                {
                    throw Fail(path, $"{number} has no JSON form (LangGraph.js would store null)");
                }

                writer.WriteNumberValue(number);
                return;
            case decimal exact:
                writer.WriteNumberValue(exact);
                return;
            case byte[] bytes:
                WriteConstructorRecord(writer, "Uint8Array", "from", () =>
                {
                    writer.WriteStartArray();
                    foreach (var b in bytes)
                    {
                        writer.WriteNumberValue(b);
                    }

                    writer.WriteEndArray();
                });
                return;
            case ChatMessage message:
                var messages = LangChainMessages.FromChatMessage(message, python: false);
                if (messages.Count != 1)
                {
                    throw Fail(path, $"a tool message with {messages.Count} results becomes {messages.Count} LangChain messages, which only fit in a list");
                }

                WriteMessage(writer, messages[0].Class, messages[0].Fields, path, depth);
                return;
            case DeltaSnapshot snapshot:
                writer.WriteStartObject();
                writer.WriteNumber("lc", 2);
                writer.WriteString("type", "delta_snapshot");
                writer.WritePropertyName("value");
                WriteValue(writer, snapshot.Value, path + ".value", depth + 1, inKwargs);
                writer.WriteEndObject();
                return;
            case JsonNode node:
                node.WriteTo(writer);
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
            case IDictionary dictionary:
                WriteDictionary(writer, dictionary, path, depth, inKwargs);
                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                WriteDictionary(writer, pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), path, depth, inKwargs);
                return;
            case IEnumerable sequence when ForeignValues.IsSet(sequence):
                WriteConstructorRecord(writer, "Set", null, () => WriteItems(writer, sequence, path + ".args[0]", depth + 1, inKwargs));
                return;
            case IEnumerable sequence:
                WriteItems(writer, sequence, path, depth, inKwargs);
                return;
            default:
                WriteWithSystemTextJson(writer, value, path);
                return;
        }
    }

    private static void WriteItems(Utf8JsonWriter writer, IEnumerable sequence, string path, int depth, bool inKwargs)
    {
        writer.WriteStartArray();
        var index = 0;
        foreach (var item in sequence)
        {
            if (item is ChatMessage message)
            {
                // A .NET tool message with several results is several LangChain messages in a row.
                foreach (var (messageClass, fields) in LangChainMessages.FromChatMessage(message, python: false))
                {
                    WriteMessage(writer, messageClass, fields, $"{path}[{index}]", depth + 1);
                }
            }
            else
            {
                WriteValue(writer, item, $"{path}[{index}]", depth + 1, inKwargs);
            }

            index++;
        }

        writer.WriteEndArray();
    }

    private static void WriteDictionary(Utf8JsonWriter writer, IDictionary dictionary, string path, int depth, bool inKwargs)
    {
        var stringKeys = dictionary.Keys.Cast<object>().All(k => k is string);
        if (!stringKeys)
        {
            // LangGraph.js's Map record: [[key, value], ...] with keys that keep their type.
            WriteConstructorRecord(writer, "Map", null, () =>
            {
                writer.WriteStartArray();
                var index = 0;
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WriteStartArray();
                    WriteValue(writer, entry.Key, $"{path}.args[0][{index}][0]", depth + 2, inKwargs);
                    WriteValue(writer, entry.Value, $"{path}.args[0][{index}][1]", depth + 2, inKwargs);
                    writer.WriteEndArray();
                    index++;
                }

                writer.WriteEndArray();
            });
            return;
        }

        // Inside a LangChain constructor, LangChain JS escapes plain objects that look like records (CVE-2025-68665).
        var escape = inKwargs && dictionary.Contains("lc");
        if (escape)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("__lc_escaped__");
        }

        writer.WriteStartObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = (string)entry.Key;
            writer.WritePropertyName(key);
            WriteValue(writer, entry.Value, ForeignValues.Property(path, key), depth + 1, inKwargs && !escape);
        }

        writer.WriteEndObject();
        if (escape)
        {
            writer.WriteEndObject();
        }
    }

    private static void WriteMessage(Utf8JsonWriter writer, LangChainMessageClass messageClass, Dictionary<string, object?> fields, string path, int depth)
    {
        writer.WriteStartObject();
        writer.WriteNumber("lc", 1);
        writer.WriteString("type", "constructor");
        writer.WriteStartArray("id");
        writer.WriteStringValue("langchain_core");
        writer.WriteStringValue("messages");
        writer.WriteStringValue(messageClass.Name);
        writer.WriteEndArray();
        writer.WritePropertyName("kwargs");
        writer.WriteStartObject();
        foreach (var (key, value) in fields)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, value, ForeignValues.Property(path, key), depth + 1, inKwargs: true);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteConstructorRecord(Utf8JsonWriter writer, string constructor, string? method, Action writeFirstArgument)
    {
        writer.WriteStartObject();
        writer.WriteNumber("lc", 2);
        writer.WriteString("type", "constructor");
        writer.WriteStartArray("id");
        writer.WriteStringValue(constructor);
        writer.WriteEndArray();
        if (method is null)
        {
            writer.WriteNull("method");
        }
        else
        {
            writer.WriteString("method", method);
        }

        writer.WriteStartArray("args");
        writeFirstArgument();
        writer.WriteEndArray();
        writer.WriteStartObject("kwargs");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteWithSystemTextJson(Utf8JsonWriter writer, object value, string path)
    {
        JsonElement element;
        try
        {
            element = JsonSerializer.SerializeToElement(value, value.GetType(), JsonCheckpointSerializer.DefaultJsonSerializerOptions);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new CheckpointSerializationException($"The value at {path} cannot be written for LangGraph: {e.Message}", null, path, e);
        }

        element.WriteTo(writer);
    }

    private static CheckpointSerializationException Fail(string path, string problem) =>
        new($"The value at {path} cannot be written for LangGraph: {problem}.", null, path);
}
