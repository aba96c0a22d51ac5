using Checkpoint.Providers;
using Npgsql;
using NpgsqlTypes;

namespace Checkpoint.Postgres.Internal;

/// <summary>
/// Translates <c>$in</c> and <c>$nin</c> to jsonb equality with any item of one <c>jsonb[]</c> parameter: deep, numbers
/// by value, as <c>$eq</c>. A missing field is SQL NULL, which <c>$nin</c> matches and <c>$in</c> does not.
/// </summary>
internal static class StoreFilterSetSql
{
    /// <summary>Returns the clause for a <c>$in</c> or <c>$nin</c> condition on <paramref name="field"/>.</summary>
    public static string Translate(string field, FilterCondition condition, NpgsqlBatchCommand command)
    {
        // Stored documents never hold NUL (puts refuse it), so an item with one equals no field: leave it out.
        var items = condition.Operand!.AsArray()
            .Where(item => !JsonNulGuard.ContainsNul(item))
            .Select(item => item?.ToJsonString() ?? "null")
            .ToArray();
        var list = StoreFilterSql.Parameter(command, items, NpgsqlDbType.Array | NpgsqlDbType.Jsonb);
        var anyEqual = $"coalesce({field} = ANY({list}), false)";
        return condition.Operator == FilterOperator.In ? $"({anyEqual})" : $"(NOT {anyEqual})";
    }
}
