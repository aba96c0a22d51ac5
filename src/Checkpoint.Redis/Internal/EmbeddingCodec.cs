using System.Buffers.Binary;
using Checkpoint.Providers;

namespace Checkpoint.Redis.Internal;

/// <summary>Stores the field embeddings of an item as one binary value: per field its name and its float32 vector.</summary>
internal static class EmbeddingCodec
{
    public static byte[] Encode(IReadOnlyList<FieldEmbedding> embeddings)
    {
        using var stream = new MemoryStream();
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, embeddings.Count);
        stream.Write(number);
        foreach (var embedding in embeddings)
        {
            var name = OrdinalEncoding.Encode(embedding.Field);
            BinaryPrimitives.WriteInt32BigEndian(number, name.Length);
            stream.Write(number);
            stream.Write(name);
            var vector = VectorMath.ToBytes(embedding.Vector);
            BinaryPrimitives.WriteInt32BigEndian(number, vector.Length);
            stream.Write(number);
            stream.Write(vector);
        }

        return stream.ToArray();
    }

    public static List<FieldEmbedding> Decode(ReadOnlySpan<byte> bytes)
    {
        var count = ReadInt32(bytes, 0);
        var offset = 4;
        var embeddings = new List<FieldEmbedding>(count);
        for (var i = 0; i < count; i++)
        {
            var nameLength = ReadInt32(bytes, offset);
            var name = OrdinalEncoding.Decode(bytes.Slice(offset + 4, nameLength));
            offset += 4 + nameLength;
            var vectorLength = ReadInt32(bytes, offset);
            embeddings.Add(new FieldEmbedding(name, VectorMath.FromBytes(bytes.Slice(offset + 4, vectorLength))));
            offset += 4 + vectorLength;
        }

        return embeddings;
    }

    private static int ReadInt32(ReadOnlySpan<byte> bytes, int offset) =>
        offset + 4 <= bytes.Length
            ? BinaryPrimitives.ReadInt32BigEndian(bytes[offset..])
            : throw new FormatException("A stored embedding is truncated; the data was not written by this library.");
}
