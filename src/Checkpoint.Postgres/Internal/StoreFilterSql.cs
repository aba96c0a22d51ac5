using Checkpoint.Providers;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres.Internal;

/// <summary>
/// Translates parsed store filter conditions (<see cref="StoreFilter.Parse"/>) to SQL over the <c>value</c> column,
/// with every key and operand passed as a parameter, never spliced into the text.
/// </summary>
/// <remarks>
/// Fields are reached with a chain of <c>-&gt;</c> and text parameters, which (unlike <c>#&gt;</c>) never indexes into
/// arrays: a path only walks objects, as the contract says. Equality and <c>$ne</c> use jsonb equality (deep, numbers
/// by value). Range operators check the field's JSON type first, then compare numbers as jsonb numerics and strings
/// with <c>COLLATE "C"</c>.
/// </remarks>
internal static class StoreFilterSql
{
    public static IEnumerable<string> Translate(IReadOnlyList<FilterCondition> conditions, NpgsqlBatchCommand command)
    {
        foreach (var condition in conditions)
        {
            yield return Translate(condition, command);
        }
    }

    private static string Translate(FilterCondition condition, NpgsqlBatchCommand command)
    {
        if (condition.Operator is FilterOperator.In or FilterOperator.Nin)
        {
            return StoreFilterSetSql.Translate(Field(condition, command), condition, command);
        }

        var hasNul = JsonNulGuard.ContainsNul(condition.Operand);
        switch (condition.Operator)
        {
            // Stored documents never hold NUL (puts refuse it), so an operand with one is never equal to a field.
            case FilterOperator.Eq when hasNul:
                return "false";
            case FilterOperator.Ne when hasNul:
                return "true";
            case FilterOperator.Eq:
                return $"({Field(condition, command)} = {Json(condition, command)})";
            case FilterOperator.Ne:
                return $"({Field(condition, command)} IS DISTINCT FROM {Json(condition, command)})";
        }

        var op = condition.Operator switch
        {
            FilterOperator.Gt => ">",
            FilterOperator.Gte => ">=",
            FilterOperator.Lt => "<",
            _ => "<=",
        };
        var field = Field(condition, command);
        if (condition.Operand!.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            return $"(jsonb_typeof({field}) = 'number' AND {field} {op} {Json(condition, command)})";
        }

        if (hasNul)
        {
            throw new ArgumentException(
                $"Filter '{condition.Key}': PostgreSQL cannot compare strings containing a NUL character ({StoreFilter.ToToken(condition.Operator)}).",
                "filter");
        }

        var text = Parameter(command, condition.Operand.GetValue<string>(), NpgsqlDbType.Text);
        return $"(jsonb_typeof({field}) = 'string' AND ({field} #>> '{{}}') COLLATE \"C\" {op} {text})";
    }

    private static string Field(FilterCondition condition, NpgsqlBatchCommand command) =>
        "value" + string.Concat(condition.Path.Select(name => " -> " + Parameter(command, name, NpgsqlDbType.Text)));

    private static string Json(FilterCondition condition, NpgsqlBatchCommand command) =>
        Parameter(command, condition.Operand?.ToJsonString() ?? "null", NpgsqlDbType.Jsonb);

    /// <summary>Adds a parameter and returns its placeholder.</summary>
    public static string Parameter(NpgsqlBatchCommand command, object? value, NpgsqlDbType type)
    {
        command.Add(value, type);
        return "$" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
