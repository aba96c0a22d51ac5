using System.Text;
using System.Text.Json.Nodes;

namespace Checkpoint.Postgres.Internal;

/// <summary>
/// PostgreSQL's <c>jsonb</c> cannot hold the NUL character (<c>\u0000</c>), so JSON containing one is rejected before
/// anything is written, with the path of the offending string.
/// </summary>
internal static class JsonNulGuard
{
    // How System.Text.Json writes NUL inside a string or property name.
    private const string EscapedNul = "\\u0000";

    /// <summary>Returns whether serialized JSON text may contain a NUL character (a cheap test before walking the tree).</summary>
    public static bool MayContainNul(string json) => json.Contains(EscapedNul, StringComparison.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> when the JSON text holds a NUL character in a string or a property name.</summary>
    public static void ThrowIfContainsNul(string json, string what, string parameterName)
    {
        if (MayContainNul(json) && FindNul(JsonNode.Parse(json), "$") is { } path)
        {
            throw new ArgumentException(
                $"{what} contains a NUL character (\\u0000) at {path}; PostgreSQL jsonb cannot store it. Remove it or encode it differently. Nothing was written.",
                parameterName);
        }
    }

    /// <summary>Returns whether a JSON value holds a NUL character anywhere.</summary>
    public static bool ContainsNul(JsonNode? node) => FindNul(node, "$") is not null;

    private static string? FindNul(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPath = path + FormatName(name);
                    if (name.Contains('\0', StringComparison.Ordinal))
                    {
                        return childPath + " (in the property name)";
                    }

                    if (FindNul(child, childPath) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FindNul(array[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when value.TryGetValue<string>(out var text):
                return text.Contains('\0', StringComparison.Ordinal) ? path : null;
            default:
                return null;
        }
    }

    private static string FormatName(string name)
    {
        if (name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return "." + name;
        }

        var escaped = new StringBuilder("['");
        foreach (var c in name.Length > 64 ? name[..64] + "..." : name)
        {
            escaped.Append(c switch
            {
                '\0' => "\\0",
                '\'' => "\\'",
                _ => c.ToString(),
            });
        }

        return escaped.Append("']").ToString();
    }
}
