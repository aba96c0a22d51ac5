using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Checkpoint;

/// <summary>
/// Reads and writes values declared as <see cref="object"/> ("untyped" values) as plain JSON, and loads them back
/// as plain CLR values: <see cref="string"/>, <see cref="long"/> or <see cref="double"/>, <see cref="bool"/>,
/// <see langword="null"/>, <see cref="List{T}"/> of <see cref="object"/> and <see cref="Dictionary{TKey, TValue}"/>
/// of <see cref="string"/> to <see cref="object"/>.
/// </summary>
/// <remarks>
/// Writing refuses anything that would not load back as itself (a <see cref="DateTime"/>, a record, ...), naming
/// its path, instead of silently storing something else: such values belong in a registered or typed container.
/// </remarks>
internal sealed class PlainObjectConverter : JsonConverter<object>
{
    private const int MaxDepth = 64;

    public override bool HandleNull => true;

    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return ToPlain(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options) =>
        WritePlain(writer, value, options, 0);

    /// <summary>
    /// Serializes an untyped value or container (<c>any</c>, <c>list&lt;any&gt;</c>, <c>dict&lt;any&gt;</c>, ...) from the root,
    /// so an error names the full path inside it.
    /// </summary>
    public static byte[] SerializeRoot(object value, JsonSerializerOptions options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder }))
        {
            WritePlain(writer, value, options, 0);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Serializes one item of an untyped list exactly as <see cref="SerializeRoot"/> writes it inside the list (one level
    /// down, so the depth limit falls in the same place).
    /// </summary>
    public static byte[] SerializeItem(object? item, JsonSerializerOptions options)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WritePlain(writer, item, options, 1);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Converts a JSON element to plain CLR values.</summary>
    public static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? integer : element.TryGetUInt64(out var large) ? (object)large : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    // An error is raised with the path inside the value that failed and completed on its way out (Within), so the
    // path is built only when there is an error to report, not for every node written.
    private static void WritePlain(Utf8JsonWriter writer, object? value, JsonSerializerOptions options, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new PlainValueException($"the value is nested more than {MaxDepth} levels deep (is there a cycle?)", string.Empty);
        }

        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                if (UnicodeText.FindUnpairedSurrogate(s) is { } position)
                {
                    throw new PlainValueException(UnicodeText.Describe(s, position), string.Empty);
                }

                writer.WriteStringValue(s);
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case int or long or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case ulong u:
                writer.WriteNumberValue(u);
                return;
            case float or double:
                var d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d))
                {
                    throw new PlainValueException($"{d} cannot be stored in an untyped value (JSON has no such number)", string.Empty);
                }

                writer.WriteNumberValue(d);
                return;
            case decimal m:
                if (!LoadsBackAsDouble(m))
                {
                    throw new PlainValueException(
                        string.Create(CultureInfo.InvariantCulture, $"the decimal {m} would load back from an untyped value as a double, losing digits; store it in a typed container such as List<decimal>"),
                        string.Empty);
                }

                writer.WriteNumberValue(m);
                return;
            case JsonNode node:
                node.WriteTo(writer, options);
                return;
            case JsonElement element:
                element.WriteTo(writer);
                return;
            case byte[]:
                throw new PlainValueException(
                    "a byte array would load back from an untyped value as a list of numbers; store it as a channel value of its own, " +
                    "in a typed container such as Dictionary<string, byte[]>, or in a registered type",
                    string.Empty);
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is not string key)
                    {
                        throw new PlainValueException($"dictionary keys must be strings, not {entry.Key.GetType().Name}", string.Empty);
                    }

                    if (UnicodeText.FindUnpairedSurrogate(key) is { } at)
                    {
                        throw new PlainValueException("a dictionary key: " + UnicodeText.Describe(key, at), string.Empty);
                    }

                    writer.WritePropertyName(key);
                    try
                    {
                        WritePlain(writer, entry.Value, options, depth + 1);
                    }
                    catch (PlainValueException e)
                    {
                        throw e.Within(FormatProperty(key));
                    }
                }

                writer.WriteEndObject();
                return;
            case IEnumerable sequence:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in sequence)
                {
                    try
                    {
                        WritePlain(writer, item, options, depth + 1);
                    }
                    catch (PlainValueException e)
                    {
                        throw e.Within(string.Create(CultureInfo.InvariantCulture, $"[{index}]"));
                    }

                    index++;
                }

                writer.WriteEndArray();
                return;
            default:
                throw new PlainValueException(
                    $"it holds a {value.GetType().FullName}, which would not load back as itself from an untyped (object) value; " +
                    "register the type with JsonCheckpointSerializerOptions.Register and store it directly or in a typed container such as List<T>",
                    string.Empty);
        }
    }

    // Integers in range and most fractions are exact as a double; a decimal with more digits than a double holds is not.
    private static bool LoadsBackAsDouble(decimal value)
    {
        try
        {
            return decimal.Round(value) == value && value >= long.MinValue && value <= long.MaxValue || (decimal)(double)value == value;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static string FormatProperty(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(key[0]) ? "." + key : $"['{key}']";
}

/// <summary>
/// Raised inside <see cref="PlainObjectConverter"/>. System.Text.Json wraps a <see cref="NotSupportedException"/> from a
/// converter in one whose message ends with the path of the enclosing member; <see cref="InnerPath"/> continues it.
/// </summary>
internal sealed class PlainValueException(string reason, string innerPath) : NotSupportedException(reason)
{
    public string Reason { get; } = reason;

    public string InnerPath { get; } = innerPath;

    /// <summary>Returns the same error one level further out: <paramref name="segment"/> leads to where it was raised.</summary>
    public PlainValueException Within(string segment) => new(Reason, segment + InnerPath);
}
