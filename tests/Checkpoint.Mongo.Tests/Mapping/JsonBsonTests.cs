using System.Text.Json.Nodes;
using Checkpoint.Mongo.Internal;
using Checkpoint.Providers;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Tests.Mapping;

public sealed class JsonBsonTests
{
    [Fact]
    public void Integers_become_int32_or_int64_by_magnitude_and_huge_ones_decimal128()
    {
        var json = JsonNode.Parse("""{"small": 7, "negative": -2147483648, "big": 2147483648, "long": -9223372036854775808, "huge": 123456789012345678901234567890}""")!.AsObject();

        var document = JsonBson.ToDocument(json, "metadata");

        Assert.Equal(new BsonDocument
        {
            { "small", new BsonInt32(7) },
            { "negative", new BsonInt32(int.MinValue) },
            { "big", new BsonInt64(2147483648L) },
            { "long", new BsonInt64(long.MinValue) },
            { "huge", new BsonDecimal128(Decimal128.Parse("123456789012345678901234567890")) },
        }, document);
    }

    [Fact]
    public void Fractions_a_double_holds_exactly_become_doubles_and_others_decimal128()
    {
        var json = JsonNode.Parse("""{"a": 0.1, "b": 1.5e3, "c": 0.1000000000000000000001, "d": 1e400}""")!.AsObject();

        var document = JsonBson.ToDocument(json, "metadata");

        Assert.Equal(new BsonDouble(0.1), document["a"]);
        Assert.Equal(new BsonDouble(1500), document["b"]);
        Assert.Equal(new BsonDecimal128(Decimal128.Parse("0.1000000000000000000001")), document["c"]);
        Assert.Equal(BsonType.Decimal128, document["d"].BsonType);
    }

    [Fact]
    public void A_document_round_trips_json_equal_with_property_order_kept()
    {
        var json = JsonNode.Parse("""
            {"source": "loop", "step": 3, "parents": {"": "1ef"}, "nested": {"a": [1, "two", null, true, {"x": 2.5}]},
             "nul": "a\u0000b", "emoji": "\ud83d\ude00", "empty": {}, "list": [], "none": null, "big": 123456789012345678901234567890}
            """)!.AsObject();

        var back = JsonBson.ToJsonObject(JsonBson.ToDocument(json, "metadata"));

        Assert.True(JsonNode.DeepEquals(json, back), back.ToJsonString());
        Assert.Equal(json.Select(p => p.Key), back.Select(p => p.Key));
        Assert.Equal("a\0b", back["nul"]!.GetValue<string>());
    }

    [Fact]
    public void A_key_with_nul_is_rejected_naming_where_it_is()
    {
        var json = new JsonObject { ["outer"] = new JsonObject { ["bad\0key"] = 1 } };

        var error = Assert.Throws<ArgumentException>(() => JsonBson.ToDocument(json, "metadata"));

        Assert.Contains("$.outer", error.Message, StringComparison.Ordinal);
        Assert.Contains("NUL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_read_back_from_any_bson_numeric_type_equal_by_value()
    {
        var document = new BsonDocument { { "i", 1 }, { "l", 1L }, { "d", 1.0 }, { "m", new Decimal128(1m) } };

        var json = JsonBson.ToJsonObject(document);

        foreach (var key in new[] { "i", "l", "d", "m" })
        {
            Assert.True(JsonNode.DeepEquals(JsonValue.Create(1), json[key]), key);
        }
    }

    [Fact]
    public void Bson_types_json_lacks_read_back_as_strings()
    {
        var id = ObjectId.GenerateNewId();
        var document = new BsonDocument { { "id", id }, { "when", new BsonDateTime(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)) }, { "bytes", new BsonBinaryData([1, 2]) } };

        var json = JsonBson.ToJsonObject(document);

        Assert.Equal(id.ToString(), json["id"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05.0000000Z", json["when"]!.GetValue<string>());
        Assert.Equal("AQI=", json["bytes"]!.GetValue<string>());
    }
}
