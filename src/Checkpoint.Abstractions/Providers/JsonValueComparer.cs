using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Providers;

/// <summary>
/// JSON comparisons with the semantics every backend must share: deep equality where numbers compare by value
/// (<c>1</c> equals <c>1.0</c>), ordinal string order, and numeric order for numbers.
/// </summary>
public static class JsonValueComparer
{
    /// <summary>Returns whether two JSON values are deeply equal; numbers compare by value, strings ordinally.</summary>
    /// <param name="left">The first value (<see langword="null"/> is JSON null).</param>
    /// <param name="right">The second value (<see langword="null"/> is JSON null).</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool DeepEquals(JsonNode? left, JsonNode? right)
    {
        var leftKind = left?.GetValueKind() ?? JsonValueKind.Null;
        var rightKind = right?.GetValueKind() ?? JsonValueKind.Null;
        if (leftKind != rightKind)
        {
            return false;
        }

        switch (leftKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return true;
            case JsonValueKind.Number:
                return CompareNumbers(left!, right!) == 0;
            case JsonValueKind.String:
                return string.Equals(left!.GetValue<string>(), right!.GetValue<string>(), StringComparison.Ordinal);
            case JsonValueKind.Array:
                var leftArray = left!.AsArray();
                var rightArray = right!.AsArray();
                if (leftArray.Count != rightArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < leftArray.Count; i++)
                {
                    if (!DeepEquals(leftArray[i], rightArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                var leftObject = left!.AsObject();
                var rightObject = right!.AsObject();
                if (leftObject.Count != rightObject.Count)
                {
                    return false;
                }

                foreach (var (key, value) in leftObject)
                {
                    if (!rightObject.TryGetPropertyValue(key, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Orders two scalars of the same kind: numbers numerically, strings ordinally.
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
            JsonValueKind.String => Math.Sign(string.CompareOrdinal(left!.GetValue<string>(), right!.GetValue<string>())),
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
            if (!metadata.TryGetPropertyValue(key, out var actual) || !DeepEquals(actual, expected))
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
