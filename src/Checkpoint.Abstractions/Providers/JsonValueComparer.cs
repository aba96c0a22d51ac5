using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Providers;

/// <summary>
/// JSON comparisons with the semantics every backend must share: metadata filters and the order of scalars (numbers
/// numerically, strings by code point, <see cref="CodePointComparer"/>). Equality is <see cref="JsonNode.DeepEquals"/>:
/// numbers compare by value (<c>1</c> equals <c>1.0</c>, exactly, at any precision, as PostgreSQL's <c>jsonb</c>
/// does), strings ordinally.
/// </summary>
public static class JsonValueComparer
{
    /// <summary>
    /// Orders two scalars of the same kind: numbers numerically, strings by code point (<see cref="CodePointComparer"/>).
    /// </summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>The order, or <see langword="null"/> when the values are not both numbers or both strings.</returns>
    public static int? CompareScalars(JsonNode? left, JsonNode? right)
    {
        var leftKind = left?.GetValueKind() ?? JsonValueKind.Null;
        var rightKind = right?.GetValueKind() ?? JsonValueKind.Null;
        if (leftKind != rightKind)
        {
            return null;
        }

        return leftKind switch
        {
            JsonValueKind.Number => CompareNumbers(left!, right!),
            JsonValueKind.String => Math.Sign(CodePointComparer.Instance.Compare(left!.GetValue<string>(), right!.GetValue<string>())),
            _ => null,
        };
    }

    /// <summary>
    /// Returns whether checkpoint metadata matches a list filter: every filter key is present at the top level of
    /// <paramref name="metadata"/> with a deeply equal value.
    /// </summary>
    /// <param name="metadata">The metadata.</param>
    /// <param name="filter">The filter; empty matches everything.</param>
    /// <returns><see langword="true"/> when every key matches.</returns>
    public static bool MetadataMatches(JsonObject metadata, IReadOnlyDictionary<string, JsonNode?> filter)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(filter);
        foreach (var (key, expected) in filter)
        {
            if (!metadata.TryGetPropertyValue(key, out var actual) || !JsonNode.DeepEquals(actual, expected))
            {
                return false;
            }
        }

        return true;
    }

    private static int CompareNumbers(JsonNode left, JsonNode right)
    {
        if (TryGetDecimal(left, out var leftDecimal) && TryGetDecimal(right, out var rightDecimal))
        {
            return leftDecimal.CompareTo(rightDecimal);
        }

        return GetDouble(left).CompareTo(GetDouble(right));
    }

    private static bool TryGetDecimal(JsonNode node, out decimal value)
    {
        var value1 = node.AsValue();
        if (value1.TryGetValue(out value))
        {
            return true;
        }

        return decimal.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static double GetDouble(JsonNode node) =>
        node.AsValue().TryGetValue<double>(out var value)
            ? value
            : double.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
