using System.Text.Json;
using Checkpoint.Providers;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// Translates store filter conditions (<see cref="StoreFilter"/>) into MongoDB query clauses on <c>value.&lt;path&gt;</c>
/// with the contract's semantics, and says when the translation is exact.
/// </summary>
/// <remarks>
/// <para>
/// MongoDB traverses arrays when it follows a path (<c>{ "a.b": 1 }</c> matches <c>{ a: [{ b: 1 }] }</c>) and an
/// equality matches an array containing the value; JSON paths do neither. So every clause that must be exact requires
/// each prefix of its path not to be an array (<c>$not: { $type: "array" }</c>). Numbers compare by value across
/// BSON's numeric types and range operators only match the operand's type family, as the contract asks.
/// </para>
/// <para>
/// Not exact, and therefore only narrowed on the server and finished in process: equality with an object or array
/// (MongoDB compares embedded documents in field order), <c>$ne</c> with an object or array (not pushed down), and
/// string ranges whose operand has a character at or above U+D800 (MongoDB orders strings by UTF-8 bytes, which is
/// the contract's code point order for valid text; a stored lone surrogate is not, so such operands are rechecked).
/// </para>
/// </remarks>
internal static class StoreFilterTranslator
{
    /// <summary>Translates parsed conditions.</summary>
    /// <param name="conditions">Conditions from <see cref="StoreFilter.Parse"/>.</param>
    /// <returns>The clauses (to combine with <c>$and</c>) and whether they are exact.</returns>
    public static (List<BsonDocument> Clauses, bool IsExact) Translate(IReadOnlyList<FilterCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var clauses = new List<BsonDocument>();
        var exact = true;
        foreach (var condition in conditions)
        {
            var path = Fields.Value + "." + string.Join('.', condition.Path);
            var kind = condition.Operand?.GetValueKind() ?? JsonValueKind.Null;
            var scalar = kind is not (JsonValueKind.Object or JsonValueKind.Array);
            switch (condition.Operator)
            {
                case FilterOperator.Eq when scalar:
                    clauses.Add(Exact(condition.Path, EqualityOperators(condition, kind)));
                    break;
                case FilterOperator.Eq:
                    clauses.Add(new BsonDocument(path, new BsonDocument("$exists", true)));
                    exact = false;
                    break;
                case FilterOperator.Ne when scalar:
                    clauses.Add(new BsonDocument("$nor", new BsonArray { Exact(condition.Path, EqualityOperators(condition, kind)) }));
                    break;
                case FilterOperator.Ne:
                    exact = false;
                    break;
                case FilterOperator.In or FilterOperator.Nin:
                    exact &= StoreFilterSetTranslator.Translate(condition, clauses);
                    break;
                default:
                    var operand = JsonBson.ToBson(condition.Operand, "filter");
                    clauses.Add(Exact(condition.Path, new BsonDocument(StoreFilter.ToToken(condition.Operator), operand)));
                    if (operand.IsString && !IsOrderSafe(operand.AsString))
                    {
                        exact = false;
                    }

                    break;
            }
        }

        return (clauses, exact);
    }

    /// <summary>
    /// Returns whether MongoDB's byte order of UTF-8 strings agrees with code point order for every string compared
    /// with <paramref name="operand"/>: true when the operand has no character at or above U+D800.
    /// </summary>
    public static bool IsOrderSafe(string operand) => !operand.Any(c => c >= '\uD800');

    private static BsonDocument EqualityOperators(FilterCondition condition, JsonValueKind kind)
    {
        var operators = new BsonDocument("$eq", JsonBson.ToBson(condition.Operand, "filter"));
        if (kind == JsonValueKind.Null)
        {
            // A bare null also matches a missing field; JSON equality needs the field present.
            operators.Add("$exists", true);
        }

        return operators;
    }

    /// <summary>The clause applying <paramref name="operators"/> to the path, with no array anywhere along it.</summary>
    internal static BsonDocument Exact(IReadOnlyList<string> path, BsonDocument operators)
    {
        var clause = new BsonDocument();
        var prefix = Fields.Value;
        for (var i = 0; i < path.Count; i++)
        {
            prefix += "." + path[i];
            var last = i == path.Count - 1;
            var notArray = new BsonDocument("$not", new BsonDocument("$type", "array"));
            clause.Add(prefix, last ? new BsonDocument(operators).AddRange(notArray) : notArray);
        }

        return clause;
    }
}
