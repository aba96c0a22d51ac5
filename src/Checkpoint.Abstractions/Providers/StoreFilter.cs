using System.Text.Json;
using System.Text.Json.Nodes;

namespace Checkpoint.Providers;

/// <summary>
/// Parses and evaluates store filters with the semantics every backend shares.
/// </summary>
/// <remarks>
/// <para>
/// A filter maps field paths to conditions. A path is one property name or several joined by <c>.</c>; names may
/// not be empty, start with <c>$</c>, or contain control characters or any of <c>. " ' \ [ ] *</c>. A condition is a
/// plain JSON value (equality) or an object whose keys are all operators: <c>$eq</c>, <c>$ne</c>, <c>$gt</c>,
/// <c>$gte</c>, <c>$lt</c>, <c>$lte</c>, <c>$in</c>, <c>$nin</c>; all of an object's operators must hold.
/// </para>
/// <para>
/// Equality is deep JSON equality where numbers compare by value. <c>$ne</c> matches items without the field.
/// Range operators need a number or string operand and match only fields of the same kind: numbers compare as
/// numbers, strings by code point (<see cref="CodePointComparer"/>). <c>$in</c> and <c>$nin</c> need an array and
/// test equality with each of its items; <c>$nin</c> matches items without the field.
/// </para>
/// </remarks>
public static class StoreFilter
{
    /// <summary>Validates a filter and splits it into conditions.</summary>
    /// <param name="filter">The filter; <see langword="null"/> or empty gives no conditions.</param>
    /// <returns>The conditions, in key order.</returns>
    /// <exception cref="ArgumentException">A key or condition is malformed; the message says which and why.</exception>
    public static IReadOnlyList<FilterCondition> Parse(IReadOnlyDictionary<string, JsonNode?>? filter)
    {
        if (filter is null || filter.Count == 0)
        {
            return [];
        }

        var conditions = new List<FilterCondition>();
        foreach (var (key, condition) in filter.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var path = ParsePath(key);
            if (UnicodeText.FindUnpairedSurrogate(condition) is { } invalid)
            {
                throw new ArgumentException($"Filter '{key}': the operand at {invalid.Path} is not valid Unicode: {invalid.Problem}.", nameof(filter));
            }

            if (condition is JsonObject operators && operators.Count > 0 && operators.Any(p => p.Key.StartsWith('$')))
            {
                foreach (var (token, operand) in operators)
                {
                    var op = ParseOperator(key, token);
                    if (op is FilterOperator.In or FilterOperator.Nin)
                    {
                        if (operand is not JsonArray)
                        {
                            throw new ArgumentException($"Filter '{key}': {token} needs an array of values, not {Describe(operand)}.", nameof(filter));
                        }
                    }
                    else if (op is not (FilterOperator.Eq or FilterOperator.Ne) && operand?.GetValueKind() is not (JsonValueKind.Number or JsonValueKind.String))
                    {
                        throw new ArgumentException($"Filter '{key}': {token} needs a number or a string, not {Describe(operand)}.", nameof(filter));
                    }

                    conditions.Add(new FilterCondition(key, path, op, operand?.DeepClone()));
                }
            }
            else
            {
                conditions.Add(new FilterCondition(key, path, FilterOperator.Eq, condition?.DeepClone()));
            }
        }

        return conditions;
    }

    /// <summary>Returns whether a document meets every condition.</summary>
    /// <param name="value">The document.</param>
    /// <param name="conditions">Conditions from <see cref="Parse"/>.</param>
    /// <returns><see langword="true"/> when all hold.</returns>
    public static bool Matches(JsonObject value, IReadOnlyList<FilterCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (var condition in conditions)
        {
            var present = TryGetField(value, condition.Path, out var field);
            var holds = condition.Operator switch
            {
                FilterOperator.Eq => present && JsonNode.DeepEquals(field, condition.Operand),
                FilterOperator.Ne => !present || !JsonNode.DeepEquals(field, condition.Operand),
                FilterOperator.In => present && condition.Operand!.AsArray().Any(item => JsonNode.DeepEquals(field, item)),
                FilterOperator.Nin => !present || !condition.Operand!.AsArray().Any(item => JsonNode.DeepEquals(field, item)),
                _ => present && JsonValueComparer.CompareScalars(field, condition.Operand) is { } order && condition.Operator switch
                {
                    FilterOperator.Gt => order > 0,
                    FilterOperator.Gte => order >= 0,
                    FilterOperator.Lt => order < 0,
                    _ => order <= 0,
                },
            };
            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns the operator token of <paramref name="op"/>, for example <c>$gte</c>.</summary>
    /// <param name="op">The operator.</param>
    /// <returns>The token.</returns>
    public static string ToToken(FilterOperator op) => "$" + op.ToString().ToLowerInvariant();

    /// <summary>Reads the field at <paramref name="path"/>.</summary>
    /// <param name="value">The document.</param>
    /// <param name="path">Property names.</param>
    /// <param name="field">The field's value (<see langword="null"/> for JSON null).</param>
    /// <returns><see langword="true"/> when the field is present.</returns>
    public static bool TryGetField(JsonObject value, IReadOnlyList<string> path, out JsonNode? field)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? current = value;
        foreach (var name in path)
        {
            if (current is not JsonObject obj || !obj.TryGetPropertyValue(name, out current))
            {
                field = null;
                return false;
            }
        }

        field = current;
        return true;
    }

    private static string[] ParsePath(string key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("A filter key must not be empty.", nameof(key));
        }

        var names = key.Split('.');
        foreach (var name in names)
        {
            if (name.Length == 0 || name[0] == '$' || name.Any(c => char.IsControl(c) || c is '"' or '\'' or '\\' or '[' or ']' or '*') || UnicodeText.FindUnpairedSurrogate(name) is not null)
            {
                throw new ArgumentException(
                    $"Filter key '{key}' is not a field path: use property names joined by '.', without empty names, a leading '$', quotes, backslashes, brackets, '*', control characters or unpaired surrogates.",
                    nameof(key));
            }
        }

        return names;
    }

    private static FilterOperator ParseOperator(string key, string token) => token switch
    {
        "$eq" => FilterOperator.Eq,
        "$ne" => FilterOperator.Ne,
        "$gt" => FilterOperator.Gt,
        "$gte" => FilterOperator.Gte,
        "$lt" => FilterOperator.Lt,
        "$lte" => FilterOperator.Lte,
        "$in" => FilterOperator.In,
        "$nin" => FilterOperator.Nin,
        _ when !token.StartsWith('$') => throw new ArgumentException($"Filter '{key}' mixes operators with the field '{token}'; compare a whole object with {{\"$eq\": {{...}}}}.", nameof(key)),
        _ => throw new ArgumentException($"Filter '{key}' uses the unknown operator '{token}'; supported: $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin.", nameof(key)),
    };

    private static string Describe(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString().ToLowerInvariant();
}
