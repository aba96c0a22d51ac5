using System.Globalization;
using System.Text;
using MongoDB.Bson;

namespace Checkpoint.Mongo.Internal;

/// <summary>
/// The encoded size of a BSON document, computed from its values without encoding it: a put measures its checkpoint and
/// metadata against the 16 MiB limit, and the driver encodes them once, when it sends them.
/// </summary>
internal static class BsonSize
{
    /// <summary>Returns the bytes <paramref name="document"/> takes encoded (what <c>ToBson().Length</c> returns).</summary>
    public static long Of(BsonDocument document)
    {
        // int32 length, elements, terminating NUL.
        long size = 4 + 1;
        foreach (var element in document)
        {
            size += Element(Encoding.UTF8.GetByteCount(element.Name), element.Value);
        }

        return size;
    }

    private static long Element(int nameBytes, BsonValue value) => 1 + nameBytes + 1 + Value(value);

    private static long Value(BsonValue value) => value.BsonType switch
    {
        BsonType.Document => Of(value.AsBsonDocument),
        BsonType.Array => Array(value.AsBsonArray),
        BsonType.String => 4 + Encoding.UTF8.GetByteCount(value.AsString) + 1,
        BsonType.Int32 => 4,
        BsonType.Int64 or BsonType.Double or BsonType.DateTime or BsonType.Timestamp => 8,
        BsonType.Decimal128 => 16,
        BsonType.Boolean => 1,
        BsonType.Null => 0,

        // Kinds JsonBson never produces: measured by encoding them inside a one-element document.
        _ => new BsonDocument(string.Empty, value).ToBson().Length - (4 + 1 + 1 + 1),
    };

    // An array is a document whose keys are the indexes in decimal.
    private static long Array(BsonArray array)
    {
        long size = 4 + 1;
        for (var i = 0; i < array.Count; i++)
        {
            size += Element(i.ToString(CultureInfo.InvariantCulture).Length, array[i]);
        }

        return size;
    }
}
