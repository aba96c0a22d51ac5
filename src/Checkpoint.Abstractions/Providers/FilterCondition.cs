using System.Text.Json.Nodes;

namespace Checkpoint.Providers;

/// <summary>One validated condition of a store filter, as produced by <see cref="StoreFilter.Parse"/>.</summary>
/// <param name="Key">The filter key as given, for example <c>profile.age</c>.</param>
/// <param name="Path">The key split into property names, for example <c>["profile", "age"]</c>.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Operand">The JSON value compared with (a number or string for range operators).</param>
public sealed record FilterCondition(string Key, IReadOnlyList<string> Path, FilterOperator Operator, JsonNode? Operand);
