using System.Buffers.Binary;
using Checkpoint.Providers;

namespace Checkpoint.Redis.Internal;

/// <summary>
/// Binary layouts of stored values. Lua never looks inside them; only this class writes and reads them.
/// </summary>
/// <remarks>
/// A value is <c>[u32 length][type tag, ordinal encoding][data]</c>. A pending write is
/// <c>[u32 length][task id][u32 length][task path][u32 length][channel][i32 index]</c> followed by a value.
/// Strings use <see cref="OrdinalEncoding"/>, so they round-trip exactly.
/// </remarks>
internal static class RecordCodec
{
    /// <summary>Encodes a serialized value.</summary>
    public static byte[] EncodeValue(SerializedValue value)
    {
        var type = OrdinalEncoding.Encode(value.Type);
        var data = value.Data ?? [];
        var bytes = new byte[4 + type.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, type.Length);
        type.CopyTo(bytes.AsSpan(4));
        data.CopyTo(bytes.AsSpan(4 + type.Length));
        return bytes;
    }

    /// <summary>Decodes a value written by <see cref="EncodeValue"/>.</summary>
    public static SerializedValue DecodeValue(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
        var type = reader.ReadString();
        return new SerializedValue(type, reader.Rest().ToArray());
    }

    /// <summary>Encodes a pending write.</summary>
    public static byte[] EncodeWrite(SerializedWrite write)
    {
        var task = OrdinalEncoding.Encode(write.TaskId);
        var path = OrdinalEncoding.Encode(write.TaskPath);
        var channel = OrdinalEncoding.Encode(write.Channel);
        var value = EncodeValue(write.Value);
        var bytes = new byte[12 + task.Length + path.Length + channel.Length + 4 + value.Length];
        var span = bytes.AsSpan();
        var offset = 0;
        foreach (var part in (ReadOnlySpan<byte[]>)[task, path, channel])
        {
            BinaryPrimitives.WriteInt32BigEndian(span[offset..], part.Length);
            part.CopyTo(span[(offset + 4)..]);
            offset += 4 + part.Length;
        }

        BinaryPrimitives.WriteInt32BigEndian(span[offset..], write.Index);
        value.CopyTo(span[(offset + 4)..]);
        return bytes;
    }

    /// <summary>Decodes a pending write written by <see cref="EncodeWrite"/>.</summary>
    public static SerializedWrite DecodeWrite(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
        var task = reader.ReadString();
        var path = reader.ReadString();
        var channel = reader.ReadString();
        var index = reader.ReadInt32();
        return new SerializedWrite(task, path, index, channel, DecodeValue(reader.Rest()));
    }

    /// <summary>Encodes a write index so that byte order is numeric order (sign bit flipped, big-endian).</summary>
    public static byte[] EncodeIndex(int index)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, unchecked((uint)index ^ 0x8000_0000u));
        return bytes;
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _offset;

        public string ReadString()
        {
            var length = ReadInt32();
            if (length < 0 || _offset + length > _bytes.Length)
            {
                throw Corrupt();
            }

            var text = OrdinalEncoding.Decode(_bytes.Slice(_offset, length));
            _offset += length;
            return text;
        }

        public int ReadInt32()
        {
            if (_offset + 4 > _bytes.Length)
            {
                throw Corrupt();
            }

            var value = BinaryPrimitives.ReadInt32BigEndian(_bytes[_offset..]);
            _offset += 4;
            return value;
        }

        public readonly ReadOnlySpan<byte> Rest() => _bytes[_offset..];

        private static FormatException Corrupt() => new("A stored value is truncated; the data was not written by this library.");
    }
}
