using System.Buffers.Binary;

namespace Checkpoint.Providers;

/// <summary>Vector helpers for backends that score semantic search in process.</summary>
public static class VectorMath
{
    /// <summary>Returns the cosine similarity of two vectors; 0 when either has no length.</summary>
    /// <param name="left">The first vector.</param>
    /// <param name="right">The second vector, of the same length.</param>
    /// <returns>The similarity in [-1, 1].</returns>
    /// <exception cref="ArgumentException">The vectors differ in length.</exception>
    public static double CosineSimilarity(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        if (left.Length != right.Length)
        {
            throw new ArgumentException($"Cannot compare vectors of {left.Length} and {right.Length} dimensions.", nameof(right));
        }

        double dot = 0, leftNorm = 0, rightNorm = 0;
        for (var i = 0; i < left.Length; i++)
        {
            dot += (double)left[i] * right[i];
            leftNorm += (double)left[i] * left[i];
            rightNorm += (double)right[i] * right[i];
        }

        return leftNorm == 0 || rightNorm == 0 ? 0 : dot / (Math.Sqrt(leftNorm) * Math.Sqrt(rightNorm));
    }

    /// <summary>Encodes a vector as little-endian 32-bit floats.</summary>
    /// <param name="vector">The vector.</param>
    /// <returns>4 bytes per dimension.</returns>
    public static byte[] ToBytes(ReadOnlySpan<float> vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return bytes;
    }

    /// <summary>Decodes a vector written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">4 bytes per dimension.</param>
    /// <returns>The vector.</returns>
    /// <exception cref="ArgumentException">The length is not a multiple of 4.</exception>
    public static float[] FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new ArgumentException("A stored vector must be a whole number of 32-bit floats.", nameof(bytes));
        }

        var vector = new float[bytes.Length / sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }

        return vector;
    }
}
