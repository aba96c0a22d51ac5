using System.Text.Json.Nodes;
using Checkpoint.Mongo.Internal;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Tests.Mapping;

public sealed class BsonSizeTests
{
    [Fact]
    public void Computed_size_equals_the_encoded_length_for_every_kind_json_maps_to()
    {
        var json = JsonNode.Parse("""
            {
              "int": 7, "long": 2147483648, "double": 0.1, "decimal": 0.1000000000000000000001, "true": true, "false": false,
              "null": null, "text": "h\u00e9llo \ud83d\ude00", "ключ": "значение", "empty": {}, "none": [],
              "nested": {"a": [1, "two", {"three": [3.5, null]}]},
              "long array": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100]
            }
            """)!.AsObject();
        var document = JsonBson.ToDocument(json, "metadata");

        Assert.Equal(document.ToBson().Length, BsonSize.Of(document));
    }

    [Fact]
    public void Computed_size_equals_the_encoded_length_for_kinds_json_never_maps_to()
    {
        var document = new BsonDocument
        {
            { "id", ObjectId.Parse("0123456789abcdef01234567") },
            { "when", new BsonDateTime(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)) },
            { "bytes", new BsonBinaryData([1, 2, 3]) },
            { "in array", new BsonArray { new BsonBinaryData([4]), BsonMinKey.Value } },
        };

        Assert.Equal(document.ToBson().Length, BsonSize.Of(document));
    }
}
