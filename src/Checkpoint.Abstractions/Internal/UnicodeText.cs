using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint;

/// <summary>Finds unpaired surrogates: UTF-16 that is not valid Unicode, which no UTF-8 database stores faithfully.</summary>
internal static class UnicodeText
{
    /// <summary>Returns the position of the first unpaired surrogate, or <see langword="null"/> when the text is valid.</summary>
    public static int? FindUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        // Almost all text has no surrogate at all: one vectorized scan decides.
        var start = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (start < 0)
        {
            return null;
        }

        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>Describes the unpaired surrogate at <paramref name="position"/>.</summary>
    public static string Describe(ReadOnlySpan<char> text, int position) => string.Create(
        CultureInfo.InvariantCulture,
        $"the text contains an unpaired surrogate (U+{(int)text[position]:X4}) at position {position}, which is not valid Unicode and would be stored as U+FFFD");

    /// <summary>
    /// Returns the JSON path of the first string or property name in <paramref name="node"/> with an unpaired surrogate,
    /// and why, or <see langword="null"/> when there is none.
    /// </summary>
    /// <remarks>Runs on every put's metadata and every store value: the path is built only when there is a problem to report.</remarks>
    public static (string Path, string Problem)? FindUnpairedSurrogate(JsonNode? node)
    {
        List<string>? segments = null;
        if (Find(node, ref segments) is not { } problem)
        {
            return null;
        }

        var path = new System.Text.StringBuilder("$");
        for (var i = (segments?.Count ?? 0) - 1; i >= 0; i--)
        {
            path.Append(segments![i]);
        }

        return (path.ToString(), problem);
    }

    // Returns the problem, and on the way out the path segments from the problem up to this node (innermost first).
    private static string? Find(JsonNode? node, ref List<string>? segments)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json)
                {
                    var problem = FindUnpairedSurrogate(key) is { } position ? "its name: " + Describe(key, position) : Find(value, ref segments);
                    if (problem is not null)
                    {
                        (segments ??= []).Add($"['{key}']");
                        return problem;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Find(array[i], ref segments) is { } problem)
                    {
                        (segments ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"[{i}]"));
                        return problem;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return FindUnpairedSurrogate(text) is { } at ? Describe(text, at) : null;
            default:
                return null;
        }
    }
}
