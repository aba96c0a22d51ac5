using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.ConformanceSuite;

/// <summary>
/// Canonical text of results, so that equal results render identically whatever the backend: object keys sorted,
/// numbers by value, times in UTC with milliseconds.
/// </summary>
public static class ModelCanonical
{
    // Readable in failure messages: only quotes, backslashes and control characters are escaped.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Renders a JSON value with sorted keys and normalised numbers.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The text.</returns>
    public static string Json(JsonNode? node) => Normalize(node)?.ToJsonString(Readable) ?? "null";

    /// <summary>Renders a deserialized channel or write value with its type.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The text, for example <c>List`1:["a"]</c>.</returns>
    public static string Value(object? value)
    {
        if (value is null)
        {
            return "null";
        }

        var json = JsonSerializer.SerializeToNode(value, value.GetType(), JsonCheckpointSerializer.DefaultJsonSerializerOptions);
        return $"{TypeName(value.GetType())}:{Json(json)}";
    }

    /// <summary>Renders a time in UTC with milliseconds.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The text.</returns>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Renders the exception an operation threw, by the contract's exception kinds.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The text.</returns>
    public static string Exception(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var kind = exception switch
        {
            InvalidNamespaceException => nameof(InvalidNamespaceException),
            ArgumentException => nameof(ArgumentException),
            SchemaVersionException => nameof(SchemaVersionException),
            InvalidOperationException => nameof(InvalidOperationException),
            CheckpointSerializationException => nameof(CheckpointSerializationException),
            _ => exception.GetType().FullName,
        };
        return $"throws {kind}";
    }

    private static string TypeName(Type type) =>
        type.IsGenericType ? $"{type.Name}<{string.Join(",", type.GetGenericArguments().Select(TypeName))}>" : type.Name;

    private static JsonNode? Normalize(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var sorted = new JsonObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    sorted[key] = Normalize(value);
                }

                return sorted;
            case JsonArray array:
                return new JsonArray([.. array.Select(Normalize)]);
            default:
                if (node.GetValueKind() == JsonValueKind.Number)
                {
                    var raw = node.ToJsonString();
                    return decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                        ? JsonNode.Parse(number.ToString("G29", CultureInfo.InvariantCulture))
                        : JsonValue.Create(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
                }

                return node.DeepClone();
        }
    }
}
