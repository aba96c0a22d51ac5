using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Cli.Transfer;

/// <summary>
/// Writes JSON in one canonical form, so equal documents hash equally whatever database held them: object keys in
/// ordinal order (PostgreSQL's jsonb reorders them), no whitespace, numbers by value (<c>1.50</c> and <c>1.5</c> alike).
/// </summary>
internal static class CanonicalJson
{
    /// <summary>Appends the canonical form of a JSON value.</summary>
    /// <param name="builder">Where to write.</param>
    /// <param name="node">The value.</param>
    public static void Append(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    builder.Append(first ? string.Empty : ",").Append(JsonSerializer.Serialize(key)).Append(':');
                    Append(builder, value);
                    first = false;
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? string.Empty : ",");
                    Append(builder, array[i]);
                }

                builder.Append(']');
                break;
            default:
                AppendValue(builder, node.AsValue());
                break;
        }
    }

    /// <summary>Returns the canonical form of a JSON value.</summary>
    /// <param name="node">The value.</param>
    /// <returns>The text.</returns>
    public static string ToString(JsonNode? node)
    {
        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    private static void AppendValue(StringBuilder builder, JsonValue value)
    {
        var element = JsonSerializer.SerializeToElement(value);
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    // Dividing by 1.000… drops trailing zeros: 1.50 and 1.5 write the same.
                    builder.Append((number / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    builder.Append(element.GetDouble().ToString("R", CultureInfo.InvariantCulture));
                }

                break;
            default:
                builder.Append(element.GetRawText() is var text && element.ValueKind == JsonValueKind.String ? JsonSerializer.Serialize(element.GetString()) : text);
                break;
        }
    }
}
