using System.Globalization;
using System.Text;
using System.Text.Json;
using Checkpoint.Providers;
using Microsoft.Data.Sqlite;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// Turns validated store filter conditions into SQL that narrows candidates with <c>json_extract</c>/<c>json_type</c>.
/// The SQL never drops an item the filter matches; the store re-checks every candidate with
/// <see cref="StoreFilter.Matches"/>, which is the exact rule (deep equality, numbers by value).
/// </summary>
internal static class StoreFilterSql
{
    /// <summary>
    /// Appends the filter as one condition that a damaged document (not JSON, or not an object: changed outside the
    /// library) passes, so the store reads it and reports it instead of SQLite failing the statement on malformed JSON.
    /// </summary>
    public static void AppendGuarded(IReadOnlyList<FilterCondition> conditions, List<string> where, List<(string Name, object? Value)> parameters)
    {
        var terms = new List<string>();
        Append(conditions, terms, parameters);
        if (terms.Count > 0)
        {
            // CASE evaluates in order, so the JSON functions of the terms never see a malformed document.
            where.Add($"(CASE WHEN NOT json_valid(value) THEN 1 WHEN json_type(value) <> 'object' THEN 1 ELSE ({string.Join(" AND ", terms)}) END)");
        }
    }

    /// <summary>Appends one condition per filter term to <paramref name="where"/> and binds its parameters.</summary>
    public static void Append(IReadOnlyList<FilterCondition> conditions, List<string> where, List<(string Name, object? Value)> parameters)
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            var condition = conditions[i];
            var path = $"$p{i}";
            var value = $"$v{i}";
            var kind = condition.Operand?.GetValueKind() ?? JsonValueKind.Null;
            var sql = condition.Operator switch
            {
                FilterOperator.Eq => Equal(path, value, kind, condition, parameters),
                FilterOperator.Ne => NotEqual(path, value, kind, condition, parameters),
                FilterOperator.In or FilterOperator.Nin => StoreFilterSetSql.Translate(path, value, condition, parameters),
                _ => Range(path, value, kind, condition, parameters),
            };
            if (sql is not null)
            {
                parameters.Add((path, JsonPath(condition.Path)));
                where.Add(sql);
            }
        }
    }

    internal static string? Equal(string path, string value, JsonValueKind kind, FilterCondition condition, List<(string, object?)> parameters)
    {
        switch (kind)
        {
            case JsonValueKind.String:
                parameters.Add((value, condition.Operand!.GetValue<string>()));
                return $"(json_type(value, {path}) = 'text' AND json_extract(value, {path}) = {value})";
            case JsonValueKind.Number when condition.Operand!.AsValue().TryGetValue<long>(out var integer):
                // An integer operand compares as an integer: as a double, 2^53 + 1 would become 2^53 and miss itself.
                parameters.Add((value, integer));
                return $"(json_type(value, {path}) IN ('integer', 'real') AND json_extract(value, {path}) = {value})";
            case JsonValueKind.Number when TryGetDouble(condition, out var number):
                // Any other number keeps the candidates within one double step; the exact check decides.
                parameters.Add((value, Math.BitDecrement(number)));
                parameters.Add((value + "hi", Math.BitIncrement(number)));
                return $"(json_type(value, {path}) IN ('integer', 'real') AND json_extract(value, {path}) BETWEEN {value} AND {value}hi)";
            case JsonValueKind.Number:
                return $"json_type(value, {path}) IN ('integer', 'real')";
            case JsonValueKind.True:
                return $"json_type(value, {path}) = 'true'";
            case JsonValueKind.False:
                return $"json_type(value, {path}) = 'false'";
            case JsonValueKind.Null:
                return $"json_type(value, {path}) = 'null'";
            case JsonValueKind.Array:
                return $"json_type(value, {path}) = 'array'";
            default:
                return $"json_type(value, {path}) = 'object'";
        }
    }

    internal static string? NotEqual(string path, string value, JsonValueKind kind, FilterCondition condition, List<(string, object?)> parameters)
    {
        // Only exact comparisons can be negated safely; numbers (double rounding) and containers are left to the
        // exact check. A missing field matches $ne.
        if (kind is not (JsonValueKind.String or JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
        {
            return null;
        }

        var equal = Equal(path, value, kind, condition, parameters);
        return $"NOT coalesce({equal}, 0)";
    }

    private static string? Range(string path, string value, JsonValueKind kind, FilterCondition condition, List<(string, object?)> parameters)
    {
        var op = condition.Operator switch
        {
            FilterOperator.Gt => ">",
            FilterOperator.Gte => ">=",
            FilterOperator.Lt => "<",
            _ => "<=",
        };
        if (kind == JsonValueKind.Number)
        {
            if (!TryGetDouble(condition, out var number))
            {
                return $"json_type(value, {path}) IN ('integer', 'real')";
            }

            // Inclusive bounds: two numbers that differ only beyond double precision must not be dropped here.
            op = op.Length == 1 ? op + "=" : op;
            parameters.Add((value, number));
            return $"(json_type(value, {path}) IN ('integer', 'real') AND json_extract(value, {path}) {op} {value})";
        }

        var text = condition.Operand!.GetValue<string>();
        if (text.Any(c => c >= '\uD800'))
        {
            // SQLite orders UTF-8 bytes, which is code point order for valid text; a stored lone surrogate would not be, so
            // an operand near the surrogates is left to the exact check.
            return $"json_type(value, {path}) = 'text'";
        }

        parameters.Add((value, text));
        return $"(json_type(value, {path}) = 'text' AND json_extract(value, {path}) {op} {value})";
    }

    private static bool TryGetDouble(FilterCondition condition, out double number) =>
        double.TryParse(condition.Operand!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    /// <summary>A JSON path with every name quoted (names are validated: no quotes, brackets or '$').</summary>
    private static string JsonPath(IReadOnlyList<string> names)
    {
        var path = new StringBuilder("$");
        foreach (var name in names)
        {
            path.Append(".\"").Append(name).Append('"');
        }

        return path.ToString();
    }

    public static void Bind(SqliteCommand command, List<(string Name, object? Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }
    }
}
