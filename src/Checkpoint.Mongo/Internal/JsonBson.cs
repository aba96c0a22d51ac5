using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// Converts JSON to BSON and back so that documents stay queryable in MongoDB and read back JSON-equal.
/// </summary>
/// <remarks>
/// Integers become Int32 or Int64 (Decimal128 beyond), other numbers Double when the double reproduces the written
/// value exactly, else Decimal128: MongoDB compares all numeric types by value, so <c>1</c> and <c>1.0</c> match in
/// queries. Property order is kept. BSON keys cannot hold NUL, so a key with NUL is rejected; strings may hold NUL.
/// </remarks>
internal static class JsonBson
{
    /// <summary>Converts a JSON object to a BSON document.</summary>
    /// <param name="json">The object.</param>
    /// <param name="what">What the object is, for error messages (for example "metadata").</param>
    /// <returns>The document.</returns>
    /// <exception cref="ArgumentException">A key contains NUL, or a number cannot be represented.</exception>
    public static BsonDocument ToDocument(JsonObject json, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        return (BsonDocument)ToBson(json, what, "$");
    }

    /// <summary>Converts a JSON value to a BSON value.</summary>
    /// <param name="node">The value (<see langword="null"/> is JSON null).</param>
    /// <param name="what">What the value belongs to, for error messages.</param>
    /// <returns>The BSON value.</returns>
    /// <exception cref="ArgumentException">A key contains NUL, or a number cannot be represented.</exception>
    public static BsonValue ToBson(JsonNode? node, string what) => ToBson(node, what, "$");

    /// <summary>Converts a BSON document written by <see cref="ToDocument"/> back to JSON.</summary>
    /// <param name="document">The document.</param>
    /// <returns>The JSON object.</returns>
    public static JsonObject ToJsonObject(BsonDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var json = new JsonObject();
        foreach (var element in document)
        {
            json[element.Name] = ToJson(element.Value);
        }

        return json;
    }

    /// <summary>Converts a BSON value back to JSON. Types JSON lacks (dates, ids, binaries written by other tools) become strings.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The JSON value.</returns>
    public static JsonNode? ToJson(BsonValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.BsonType switch
        {
            BsonType.Null or BsonType.Undefined => null,
            BsonType.Document => ToJsonObject(value.AsBsonDocument),
            BsonType.Array => new JsonArray([.. value.AsBsonArray.Select(ToJson)]),
            BsonType.String => JsonValue.Create(value.AsString),
            BsonType.Boolean => JsonValue.Create(value.AsBoolean),
            BsonType.Int32 => JsonValue.Create(value.AsInt32),
            BsonType.Int64 => JsonValue.Create(value.AsInt64),
            BsonType.Double => JsonValue.Create(value.AsDouble),
            BsonType.Decimal128 => JsonNode.Parse(value.AsDecimal128.ToString()),
            BsonType.DateTime => JsonValue.Create(value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
            BsonType.Binary => JsonValue.Create(Convert.ToBase64String(value.AsByteArray)),
            _ => JsonValue.Create(value.ToString()),
        };
    }

    /// <summary>Converts a JSON number, given as its text, to the BSON number that holds it exactly.</summary>
    /// <param name="text">The JSON number text.</param>
    /// <returns>The number, or <see langword="null"/> when BSON has no type that holds it.</returns>
    public static BsonValue? ToBsonNumber(string text)
    {
        var isInteger = text.AsSpan().IndexOfAny(".eE") < 0;
        if (isInteger && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return integer is >= int.MinValue and <= int.MaxValue ? new BsonInt32((int)integer) : new BsonInt64(integer);
        }

        var hasDouble = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);
        if (hasDouble && !isInteger)
        {
            // Double when it reproduces the written value exactly; a value beyond decimal's range is kept as a double.
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var written)
                || (decimal.TryParse(number.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var roundTripped) && roundTripped == written))
            {
                return new BsonDouble(number);
            }
        }

        if (Decimal128.TryParse(text, out var exact) && !Decimal128.IsNaN(exact) && !Decimal128.IsInfinity(exact))
        {
            return new BsonDecimal128(exact);
        }

        return hasDouble ? new BsonDouble(number) : null;
    }

    private static BsonValue ToBson(JsonNode? node, string what, string path)
    {
        switch (node?.GetValueKind() ?? JsonValueKind.Null)
        {
            case JsonValueKind.Null:
                return BsonNull.Value;
            case JsonValueKind.True:
                return BsonBoolean.True;
            case JsonValueKind.False:
                return BsonBoolean.False;
            case JsonValueKind.String:
                return new BsonString(node!.GetValue<string>());
            case JsonValueKind.Number:
                var text = node!.ToJsonString();
                return ToBsonNumber(text) ?? throw new ArgumentException($"The number {text} at {path} of the {what} cannot be stored in MongoDB (out of the range of a BSON double and Decimal128).", what);
            case JsonValueKind.Array:
                var array = new BsonArray();
                var index = 0;
                foreach (var item in node!.AsArray())
                {
                    array.Add(ToBson(item, what, $"{path}[{index++}]"));
                }

                return array;
            case JsonValueKind.Object:
                var document = new BsonDocument();
                foreach (var (key, value) in node!.AsObject())
                {
                    if (key.Contains('\0', StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"A key at {path} of the {what} contains a NUL character, which MongoDB field names cannot hold.", what);
                    }

                    document.Add(key, ToBson(value, what, path + "." + key));
                }

                return document;
            default:
                throw new ArgumentException($"The value at {path} of the {what} is not JSON.", what);
        }
    }
}
