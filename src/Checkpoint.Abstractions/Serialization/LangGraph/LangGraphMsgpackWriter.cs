using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Checkpoint.Serialization.LangGraph;

/// <summary>
/// Writes .NET values as LangGraph Python stores them under the <c>msgpack</c> tag, so its <c>JsonPlusSerializer</c>
/// loads them as the Python values it would have written itself.
/// </summary>
/// <remarks>
/// Chat messages become LangChain pydantic records (extension 5), <see cref="Guid"/> a <c>uuid.UUID</c>,
/// <see cref="decimal"/> a <c>decimal.Decimal</c>, <see cref="DateTime"/> and <see cref="DateTimeOffset"/> a
/// <c>datetime.datetime</c> (to the microsecond, naive for an unspecified kind), <see cref="DateOnly"/> a
/// <c>datetime.date</c>, <see cref="TimeOnly"/> a <c>datetime.time</c>, <see cref="TimeSpan"/> a
/// <c>datetime.timedelta</c>, a set a Python <c>set</c>; all are on LangGraph Python's safe list, so they load in its
/// strict mode too. Any other object is written as System.Text.Json writes it, as a map.
/// </remarks>
internal static class LangGraphMsgpackWriter
{
    private const int MaxDepth = 256;

    /// <summary>Writes a value as msgpack.</summary>
    /// <exception cref="CheckpointSerializationException">The value, or something in it, has no LangGraph Python form; names its path.</exception>
    public static byte[] Write(object? value)
    {
        var writer = new MessagePackWriter();
        WriteValue(writer, value, "$", 0);
        return writer.ToArray();
    }

    private static void WriteValue(MessagePackWriter writer, object? value, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new CheckpointSerializationException($"The value at {path} cannot be written for LangGraph: it is nested more than {MaxDepth} levels deep (is there a cycle?).", null, path);
        }

        switch (value)
        {
            case null:
                writer.WriteNil();
                return;
            case string text:
                writer.Write(text);
                return;
            case bool flag:
                writer.Write(flag);
                return;
            case sbyte or short or int or long:
                writer.Write(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case byte or ushort or uint or ulong:
                writer.Write(System.Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                return;
            case float or double:
                writer.Write(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
                return;
            case byte[] bytes:
                writer.WriteBinary(bytes);
                return;
            case decimal exact:
                WriteExtension(writer, 0, "decimal", "Decimal", exact.ToString(CultureInfo.InvariantCulture), path, depth);
                return;
            case Guid guid:
                WriteExtension(writer, 0, "uuid", "UUID", guid.ToString("N"), path, depth);
                return;
            case DateTimeOffset instant:
                WriteDateTime(writer, instant.DateTime, instant.Offset);
                return;
            case DateTime dateTime:
                WriteDateTime(writer, dateTime, dateTime.Kind switch
                {
                    DateTimeKind.Utc => TimeSpan.Zero,
                    DateTimeKind.Local => TimeZoneInfo.Local.GetUtcOffset(dateTime),
                    _ => null,
                });
                return;
            case DateOnly date:
                WriteExtension(writer, 1, "datetime", "date", new List<object?> { date.Year, date.Month, date.Day }, path, depth);
                return;
            case TimeOnly time:
                WriteExtension(writer, 2, "datetime", "time", new Dictionary<string, object?>
                {
                    ["hour"] = time.Hour,
                    ["minute"] = time.Minute,
                    ["second"] = time.Second,
                    ["microsecond"] = (time.Ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerMicrosecond,
                    ["tzinfo"] = null,
                    ["fold"] = 0,
                }, path, depth);
                return;
            case TimeSpan span:
                // Python normalizes a timedelta to whole days, 0 <= seconds < 86400 and 0 <= microseconds < 10^6.
                var micros = Math.DivRem(span.Ticks, TimeSpan.TicksPerMicrosecond, out var rest) - (rest < 0 ? 1 : 0);
                var days = Math.DivRem(micros, 86_400_000_000L, out var dayMicros) - (dayMicros < 0 ? 1 : 0);
                dayMicros = dayMicros < 0 ? dayMicros + 86_400_000_000L : dayMicros;
                WriteExtension(writer, 1, "datetime", "timedelta", new List<object?> { days, dayMicros / 1_000_000, dayMicros % 1_000_000 }, path, depth);
                return;
            case ChatMessage message:
                var messages = LangChainMessages.FromChatMessage(message, python: true);
                if (messages.Count != 1)
                {
                    throw new CheckpointSerializationException(
                        $"The value at {path} cannot be written for LangGraph: a tool message with {messages.Count} results becomes {messages.Count} LangChain messages, which only fit in a list.", null, path);
                }

                WriteMessage(writer, messages[0].Class, messages[0].Fields, path, depth);
                return;
            case DeltaSnapshot snapshot:
                var inner = new MessagePackWriter();
                WriteValue(inner, snapshot.Value, path, depth + 1);
                writer.WriteExtension(7, inner.Written);
                return;
            case JsonElement element:
                WriteValue(writer, PlainObjectConverter.ToPlain(element), path, depth);
                return;
            case JsonNode node:
                WriteValue(writer, PlainObjectConverter.ToPlain(JsonSerializer.SerializeToElement(node)), path, depth);
                return;
            case IDictionary dictionary:
                writer.WriteMapHeader(dictionary.Count);
                foreach (DictionaryEntry entry in dictionary)
                {
                    WriteValue(writer, entry.Key, path, depth + 1);
                    WriteValue(writer, entry.Value, entry.Key is string key ? ForeignValues.Property(path, key) : $"{path}[{entry.Key}]", depth + 1);
                }

                return;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                WriteValue(writer, pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), path, depth);
                return;
            case IEnumerable sequence when ForeignValues.IsSet(sequence):
                WriteExtension(writer, 0, "builtins", "set", sequence.Cast<object?>().ToList(), path, depth);
                return;
            case IEnumerable sequence:
                WriteItems(writer, sequence, path, depth);
                return;
            default:
                JsonElement json;
                try
                {
                    json = JsonSerializer.SerializeToElement(value, value.GetType(), JsonCheckpointSerializer.DefaultJsonSerializerOptions);
                }
                catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
                {
                    throw new CheckpointSerializationException($"The value at {path} cannot be written for LangGraph: {e.Message}", null, path, e);
                }

                WriteValue(writer, PlainObjectConverter.ToPlain(json), path, depth);
                return;
        }
    }

    private static void WriteItems(MessagePackWriter writer, IEnumerable sequence, string path, int depth)
    {
        // A .NET tool message with several results is several LangChain messages in a row.
        var items = new List<object?>();
        foreach (var item in sequence)
        {
            if (item is ChatMessage message)
            {
                items.AddRange(LangChainMessages.FromChatMessage(message, python: true).Select(m => (object?)m));
            }
            else
            {
                items.Add(item);
            }
        }

        writer.WriteArrayHeader(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is ValueTuple<LangChainMessageClass, Dictionary<string, object?>> (var messageClass, var fields))
            {
                WriteMessage(writer, messageClass, fields, $"{path}[{i}]", depth + 1);
            }
            else
            {
                WriteValue(writer, items[i], $"{path}[{i}]", depth + 1);
            }
        }
    }

    private static void WriteMessage(MessagePackWriter writer, LangChainMessageClass messageClass, Dictionary<string, object?> fields, string path, int depth)
    {
        var payload = new MessagePackWriter();
        payload.WriteArrayHeader(4);
        payload.Write(messageClass.PythonModule);
        payload.Write(messageClass.Name);
        WriteValue(payload, fields, path, depth + 1);
        payload.Write("model_validate_json");
        writer.WriteExtension(5, payload.Written);
    }

    private static void WriteDateTime(MessagePackWriter writer, DateTime local, TimeSpan? offset)
    {
        // datetime.isoformat(): microseconds only when not zero, the offset only when aware.
        var micros = (local.Ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerMicrosecond;
        var text = local.ToString(micros == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        if (offset is { } o)
        {
            text += (o < TimeSpan.Zero ? "-" : "+") + o.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        }

        var payload = new MessagePackWriter();
        payload.WriteArrayHeader(4);
        payload.Write("datetime");
        payload.Write("datetime");
        payload.Write(text);
        payload.Write("fromisoformat");
        writer.WriteExtension(3, payload.Written);
    }

    private static void WriteExtension(MessagePackWriter writer, sbyte code, string module, string name, object? argument, string path, int depth)
    {
        var payload = new MessagePackWriter();
        payload.WriteArrayHeader(3);
        payload.Write(module);
        payload.Write(name);
        WriteValue(payload, argument, path, depth + 1);
        writer.WriteExtension(code, payload.Written);
    }
}
