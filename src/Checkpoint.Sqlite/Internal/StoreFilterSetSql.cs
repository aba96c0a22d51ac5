using System.Text.Json;
using Checkpoint.Providers;

namespace Checkpoint.Sqlite.Internal;

/// <summary>
/// Narrows <c>$in</c> and <c>$nin</c> in SQL: one equality per item, joined with <c>OR</c> (<c>$in</c>) or one
/// negated equality per exactly comparable item, joined with <c>AND</c> (<c>$nin</c>). As for every filter, SQL only
/// narrows; <see cref="StoreFilter.Matches"/> decides.
/// </summary>
internal static class StoreFilterSetSql
{
    /// <summary>Returns the clause for a <c>$in</c> or <c>$nin</c> condition, or <see langword="null"/> when SQL cannot narrow it.</summary>
    public static string? Translate(string path, string value, FilterCondition condition, List<(string Name, object? Value)> parameters)
    {
        var items = condition.Operand!.AsArray();
        if (condition.Operator == FilterOperator.In)
        {
            // An empty list matches nothing.
            var alternatives = items.Select((item, j) => StoreFilterSql.Equal(path, $"{value}_{j}", Kind(item), Item(condition, item), parameters));
            return items.Count == 0 ? "0" : "(" + string.Join(" OR ", alternatives) + ")";
        }

        var exclusions = items
            .Select((item, j) => StoreFilterSql.NotEqual(path, $"{value}_{j}", Kind(item), Item(condition, item), parameters))
            .OfType<string>()
            .ToList();
        return exclusions.Count == 0 ? null : "(" + string.Join(" AND ", exclusions) + ")";
    }

    private static JsonValueKind Kind(System.Text.Json.Nodes.JsonNode? item) => item?.GetValueKind() ?? JsonValueKind.Null;

    private static FilterCondition Item(FilterCondition condition, System.Text.Json.Nodes.JsonNode? item) =>
        condition with { Operator = FilterOperator.Eq, Operand = item };
}
