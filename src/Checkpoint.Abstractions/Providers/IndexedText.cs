using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Providers;

/// <summary>
/// Extracts the texts to embed from a document, for semantic search.
/// </summary>
/// <remarks>
/// A field path is <c>$</c> (the whole document as JSON) or property names joined by <c>.</c>, each optionally
/// followed by an index: <c>[0]</c>, <c>[-1]</c> (from the end) or <c>[*]</c> (every element, each embedded
/// separately). A string is embedded as itself; any other value as its JSON; missing fields and nulls are skipped.
/// </remarks>
public static class IndexedText
{
    /// <summary>The path of the whole document.</summary>
    public const string WholeDocument = "$";

    /// <summary>Throws when <paramref name="path"/> is not a valid field path.</summary>
    /// <param name="path">The path.</param>
    /// <exception cref="ArgumentException">The path is malformed.</exception>
    public static void ValidatePath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path == WholeDocument)
        {
            return;
        }

        foreach (var segment in path.Split('.'))
        {
            if (!TryParseSegment(segment, out _, out _))
            {
                throw new ArgumentException($"'{path}' is not a field path: use names joined by '.', each optionally followed by [n], [-n] or [*].", nameof(path));
            }
        }
    }

    /// <summary>Extracts the texts to embed.</summary>
    /// <param name="value">The document.</param>
    /// <param name="paths">The field paths.</param>
    /// <returns>Pairs of a field name (the path, or the path with an element index for <c>[*]</c> expansions) and its text.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> Extract(JsonObject value, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(paths);
        var result = new List<KeyValuePair<string, string>>();
        foreach (var path in paths)
        {
            if (path == WholeDocument)
            {
                result.Add(new(path, value.ToJsonString()));
                continue;
            }

            var nodes = new List<(string Name, JsonNode? Node)> { (path, value) };
            foreach (var segment in path.Split('.'))
            {
                if (!TryParseSegment(segment, out var name, out var index))
                {
                    nodes.Clear();
                    break;
                }

                nodes = [.. nodes.SelectMany(n => Step(n.Name, n.Node, name, index))];
            }

            foreach (var (name, node) in nodes)
            {
                if (node is null)
                {
                    continue;
                }

                var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
                result.Add(new(name, text));
            }
        }

        return result;
    }

    private static IEnumerable<(string Name, JsonNode? Node)> Step(string name, JsonNode? node, string property, string? index)
    {
        if (node is not JsonObject obj || !obj.TryGetPropertyValue(property, out var child))
        {
            yield break;
        }

        if (index is null)
        {
            yield return (name, child);
            yield break;
        }

        if (child is not JsonArray array)
        {
            yield break;
        }

        if (index == "*")
        {
            for (var i = 0; i < array.Count; i++)
            {
                yield return ($"{name}#{i}", array[i]);
            }

            yield break;
        }

        var position = int.Parse(index, System.Globalization.CultureInfo.InvariantCulture);
        position = position < 0 ? array.Count + position : position;
        if (position >= 0 && position < array.Count)
        {
            yield return (name, array[position]);
        }
    }

    private static bool TryParseSegment(string segment, out string name, out string? index)
    {
        name = segment;
        index = null;
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        if (open >= 0)
        {
            if (!segment.EndsWith(']') || open == 0)
            {
                return false;
            }

            name = segment[..open];
            index = segment[(open + 1)..^1];
            if (index != "*" && !int.TryParse(index, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                return false;
            }
        }

        return name.Length > 0 && !name.Any(c => char.IsControl(c) || c is '[' or ']' or '*' or '$');
    }
}
