using System.Buffers.Binary;
using System.Text;

namespace Checkpoint.Serialization.LangGraph;

/// <summary>
/// Decodes MessagePack into plain .NET values: <see langword="null"/>, <see cref="bool"/>, <see cref="long"/> (or
/// <see cref="ulong"/> above <see cref="long.MaxValue"/>), <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>
/// arrays, <see cref="List{T}"/> of <see cref="object"/> (of chat messages when every item is one), and maps as <see cref="Dictionary{TKey, TValue}"/> of
/// <see cref="string"/> to <see cref="object"/> (or of <see cref="object"/> keys when a key is not a string).
/// Extension values go to a callback.
/// </summary>
/// <remarks>
/// Every length is checked against the bytes that remain and nesting is bounded, so hostile input fails with a
/// <see cref="CheckpointSerializationException"/> instead of exhausting memory or the stack.
/// </remarks>
internal sealed class MessagePackReader
{
    private const int MaxDepth = 256;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlyMemory<byte> _data;
    private readonly Func<sbyte, ReadOnlyMemory<byte>, int, object?> _extension;
    private int _position;

    /// <summary>Initializes a reader.</summary>
    /// <param name="data">The encoded bytes.</param>
    /// <param name="extension">Decodes an extension value from its type code, payload and the current depth.</param>
    public MessagePackReader(ReadOnlyMemory<byte> data, Func<sbyte, ReadOnlyMemory<byte>, int, object?> extension)
    {
        _data = data;
        _extension = extension;
    }

    /// <summary>Reads exactly one value that spans all the bytes.</summary>
    /// <param name="depth">The nesting depth of this document (extension payloads are nested documents).</param>
    public object? ReadSingle(int depth = 0)
    {
        var value = Read(depth);
        if (_position != _data.Length)
        {
            throw Malformed($"{_data.Length - _position} bytes follow the value");
        }

        return value;
    }

    private object? Read(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Malformed($"the value is nested more than {MaxDepth} levels deep");
        }

        var code = ReadByte();
        switch (code)
        {
            case <= 0x7f:
                return (long)code;
            case >= 0xe0:
                return (long)(sbyte)code;
            case >= 0x80 and <= 0x8f:
                return ReadMap(code & 0x0f, depth);
            case >= 0x90 and <= 0x9f:
                return ReadArray(code & 0x0f, depth);
            case >= 0xa0 and <= 0xbf:
                return ReadString(code & 0x1f);
        }

        return code switch
        {
            0xc0 => null,
            0xc2 => false,
            0xc3 => true,
            0xc4 => ReadBytes(ReadByte()).ToArray(),
            0xc5 => ReadBytes(ReadUInt16()).ToArray(),
            0xc6 => ReadBytes(ReadLength32()).ToArray(),
            0xc7 => ReadExtension(ReadByte(), depth),
            0xc8 => ReadExtension(ReadUInt16(), depth),
            0xc9 => ReadExtension(ReadLength32(), depth),
            0xca => (double)BinaryPrimitives.ReadSingleBigEndian(ReadBytes(4).Span),
            0xcb => BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8).Span),
            0xcc => (long)ReadByte(),
            0xcd => (long)ReadUInt16(),
            0xce => (long)BinaryPrimitives.ReadUInt32BigEndian(ReadBytes(4).Span),
            0xcf => ToInteger(BinaryPrimitives.ReadUInt64BigEndian(ReadBytes(8).Span)),
            0xd0 => (long)(sbyte)ReadByte(),
            0xd1 => (long)BinaryPrimitives.ReadInt16BigEndian(ReadBytes(2).Span),
            0xd2 => (long)BinaryPrimitives.ReadInt32BigEndian(ReadBytes(4).Span),
            0xd3 => BinaryPrimitives.ReadInt64BigEndian(ReadBytes(8).Span),
            0xd4 => ReadExtension(1, depth),
            0xd5 => ReadExtension(2, depth),
            0xd6 => ReadExtension(4, depth),
            0xd7 => ReadExtension(8, depth),
            0xd8 => ReadExtension(16, depth),
            0xd9 => ReadString(ReadByte()),
            0xda => ReadString(ReadUInt16()),
            0xdb => ReadString(ReadLength32()),
            0xdc => ReadArray(ReadUInt16(), depth),
            0xdd => ReadArray(ReadLength32(), depth),
            0xde => ReadMap(ReadUInt16(), depth),
            0xdf => ReadMap(ReadLength32(), depth),
            _ => throw Malformed($"0x{code:x2} is not a MessagePack type"),
        };
    }

    private static object ToInteger(ulong value) => value <= long.MaxValue ? (long)value : value;

    private object ReadArray(int count, int depth)
    {
        // Every element takes at least one byte: a count beyond the remaining bytes is a lie.
        EnsureAvailable(count);
        var list = new List<object?>(count);
        for (var i = 0; i < count; i++)
        {
            list.Add(Read(depth + 1));
        }

        return ForeignValues.FinishList(list);
    }

    private object ReadMap(int count, int depth)
    {
        EnsureAvailable(2L * count);
        var keys = new object?[count];
        var values = new object?[count];
        var allStrings = true;
        for (var i = 0; i < count; i++)
        {
            keys[i] = Read(depth + 1);
            values[i] = Read(depth + 1);
            allStrings &= keys[i] is string;
        }

        if (allStrings)
        {
            var map = new Dictionary<string, object?>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                map[(string)keys[i]!] = values[i];
            }

            return map;
        }

        // LangGraph Python writes maps with integer (and other) keys; they keep their type here.
        var mixed = new Dictionary<object, object?>(count);
        for (var i = 0; i < count; i++)
        {
            var key = keys[i] ?? throw Malformed("a map key is nil");
            mixed[key] = values[i];
        }

        return mixed;
    }

    private object? ReadExtension(int length, int depth)
    {
        var type = (sbyte)ReadByte();
        var payload = ReadBytes(length);
        return _extension(type, payload, depth + 1);
    }

    private string ReadString(int length)
    {
        var bytes = ReadBytes(length);
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException e)
        {
            throw new CheckpointSerializationException("The stored msgpack value holds a string that is not valid UTF-8.", null, null, e);
        }
    }

    private byte ReadByte() => ReadBytes(1).Span[0];

    private ushort ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(ReadBytes(2).Span);

    private int ReadLength32()
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(ReadBytes(4).Span);
        return length <= int.MaxValue ? (int)length : throw Malformed($"a length of {length} bytes is too large");
    }

    private ReadOnlyMemory<byte> ReadBytes(int count)
    {
        EnsureAvailable(count);
        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private void EnsureAvailable(long count)
    {
        if (count > _data.Length - _position)
        {
            throw Malformed($"it ends early (offset {_position} needs {count} more bytes, {_data.Length - _position} remain)");
        }
    }

    private static CheckpointSerializationException Malformed(string problem) =>
        new($"The stored msgpack value is malformed: {problem}.");
}
