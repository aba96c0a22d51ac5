using System.Text.Json;
using Checkpoint.Providers;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// Translates <c>$in</c> and <c>$nin</c> to MongoDB's own <c>$in</c> on the field, kept off arrays along the path and
/// requiring the field to exist (MongoDB's <c>$in: [null]</c> would match a missing field). Exact when every item is a
/// scalar; lists with objects or arrays (compared by field order in MongoDB) are narrowed and finished in process.
/// </summary>
internal static class StoreFilterSetTranslator
{
    /// <summary>Adds the clause of a <c>$in</c> or <c>$nin</c> condition, if any, and returns whether it is exact.</summary>
    public static bool Translate(FilterCondition condition, List<BsonDocument> clauses)
    {
        var items = condition.Operand!.AsArray();
        var scalar = items.All(item => item?.GetValueKind() is not (JsonValueKind.Object or JsonValueKind.Array));
        var path = Fields.Value + "." + string.Join('.', condition.Path);
        if (!scalar)
        {
            if (condition.Operator == FilterOperator.In)
            {
                clauses.Add(new BsonDocument(path, new BsonDocument("$exists", true)));
            }

            return false;
        }

        var operators = new BsonDocument
        {
            { "$in", new BsonArray(items.Select(item => JsonBson.ToBson(item, "filter"))) },
            { "$exists", true },
        };
        var anyEqual = StoreFilterTranslator.Exact(condition.Path, operators);
        clauses.Add(condition.Operator == FilterOperator.In ? anyEqual : new BsonDocument("$nor", new BsonArray { anyEqual }));
        return true;
    }
}
