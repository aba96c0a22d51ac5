using System.Buffers.Binary;

namespace Checkpoint.Redis.Internal;

/// <summary>
/// Encodes strings as 16-bit units, big-endian, each UTF-16 code unit moved so that byte order is code point order
/// (<see cref="Checkpoint.Providers.CodePointComparer"/>): surrogates go to the top (0xF800-0xFFFF) and U+E000-U+FFFF
/// down into the gap (0xD800-0xF7FF). Redis compares sorted-set members and hash fields as raw bytes, so its ranges
/// follow the family's string order, and every string (even one with a lone surrogate) round-trips unchanged, which
/// UTF-8 cannot promise.
/// </summary>
/// <remarks>
/// Composite values join parts with the separator <c>00 00</c> (a NUL code unit). Identifiers never contain NUL (the
/// base class rejects them), so the separator is unambiguous and a shorter part orders before a longer one that
/// starts with it, as code point order requires.
/// </remarks>
internal static class OrdinalEncoding
{
    /// <summary>The byte length of the separator between parts.</summary>
    public const int SeparatorLength = 2;

    /// <summary>Returns the encoding of one string.</summary>
    public static byte[] Encode(string value)
    {
        var bytes = new byte[value.Length * 2];
        Write(bytes, value);
        return bytes;
    }

    /// <summary>Returns the encodings of <paramref name="parts"/> joined by the separator.</summary>
    public static byte[] Join(params ReadOnlySpan<string> parts)
    {
        var length = 0;
        foreach (var part in parts)
        {
            length += part.Length * 2;
        }

        var bytes = new byte[length + (SeparatorLength * Math.Max(0, parts.Length - 1))];
        var offset = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                offset += SeparatorLength;
            }

            Write(bytes.AsSpan(offset), parts[i]);
            offset += parts[i].Length * 2;
        }

        return bytes;
    }

    /// <summary>Returns <paramref name="prefix"/> followed by the separator: the start of every composite that begins with it.</summary>
    public static byte[] WithSeparator(ReadOnlySpan<byte> prefix)
    {
        var bytes = new byte[prefix.Length + SeparatorLength];
        prefix.CopyTo(bytes);
        return bytes;
    }

    /// <summary>
    /// Returns the smallest value greater than every composite starting with <paramref name="prefix"/> followed by
    /// the separator (the separator's last byte raised to 1); use it as an exclusive upper bound.
    /// </summary>
    public static byte[] AfterPrefix(ReadOnlySpan<byte> prefix)
    {
        var bytes = WithSeparator(prefix);
        bytes[^1] = 1;
        return bytes;
    }

    /// <summary>Decodes a whole encoded string.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % 2 != 0)
        {
            throw new FormatException("A stored identifier has an odd number of bytes; the data was not written by this library.");
        }

        return string.Create(bytes.Length / 2, bytes.ToArray(), static (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = FromOrdered(BinaryPrimitives.ReadUInt16BigEndian(source.AsSpan(i * 2)));
            }
        });
    }

    /// <summary>Splits a composite into its parts.</summary>
    public static string[] Split(ReadOnlySpan<byte> bytes, int expectedParts)
    {
        var parts = new string[expectedParts];
        var start = 0;
        for (var i = 0; i < expectedParts - 1; i++)
        {
            var separator = IndexOfSeparator(bytes, start);
            if (separator < 0)
            {
                throw new FormatException($"A stored key has fewer than {expectedParts} parts; the data was not written by this library.");
            }

            parts[i] = Decode(bytes[start..separator]);
            start = separator + SeparatorLength;
        }

        parts[^1] = Decode(bytes[start..]);
        return parts;
    }

    /// <summary>Returns the offset of the first separator at or after <paramref name="start"/> (an even offset), or -1.</summary>
    public static int IndexOfSeparator(ReadOnlySpan<byte> bytes, int start)
    {
        for (var i = start; i + 1 < bytes.Length; i += 2)
        {
            if (bytes[i] == 0 && bytes[i + 1] == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Write(Span<byte> destination, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(i * 2)..], ToOrdered(value[i]));
        }
    }

    private static ushort ToOrdered(char unit) => unit switch
    {
        < '\uD800' => unit,
        < '\uE000' => (ushort)(unit + 0x2000),
        _ => (ushort)(unit - 0x800),
    };

    private static char FromOrdered(ushort unit) => unit switch
    {
        < 0xD800 => (char)unit,
        < 0xF800 => (char)(unit + 0x800),
        _ => (char)(unit - 0x2000),
    };
}
