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
    public static (string Path, string Problem)? FindUnpairedSurrogate(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json)
                {
                    var child = $"{path}['{key}']";
                    if (FindUnpairedSurrogate(key) is { } position)
                    {
                        return (child, "its name: " + Describe(key, position));
                    }

                    if (FindUnpairedSurrogate(value, child) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FindUnpairedSurrogate(array[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]")) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return FindUnpairedSurrogate(text) is { } at ? (path, Describe(text, at)) : null;
            default:
                return null;
        }
    }
}
