using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Checkpoint.Serialization.LangGraph;

/// <summary>Writes MessagePack in its smallest forms (as ormsgpack and msgpack-python do).</summary>
internal sealed class MessagePackWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>Gets the bytes written so far.</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void WriteNil() => WriteByte(0xc0);

    public void Write(bool value) => WriteByte(value ? (byte)0xc3 : (byte)0xc2);

    public void Write(long value)
    {
        if (value >= 0)
        {
            Write((ulong)value);
        }
        else if (value >= -32)
        {
            WriteByte((byte)(sbyte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            WriteByte(0xd0);
            WriteByte((byte)(sbyte)value);
        }
        else if (value >= short.MinValue)
        {
            BinaryPrimitives.WriteInt16BigEndian(Header(0xd1, 2), (short)value);
        }
        else if (value >= int.MinValue)
        {
            BinaryPrimitives.WriteInt32BigEndian(Header(0xd2, 4), (int)value);
        }
        else
        {
            BinaryPrimitives.WriteInt64BigEndian(Header(0xd3, 8), value);
        }
    }

    public void Write(ulong value)
    {
        if (value <= 0x7f)
        {
            WriteByte((byte)value);
        }
        else if (value <= byte.MaxValue)
        {
            WriteByte(0xcc);
            WriteByte((byte)value);
        }
        else if (value <= ushort.MaxValue)
        {
            BinaryPrimitives.WriteUInt16BigEndian(Header(0xcd, 2), (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            BinaryPrimitives.WriteUInt32BigEndian(Header(0xce, 4), (uint)value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(Header(0xcf, 8), value);
        }
    }

    public void Write(double value) => BinaryPrimitives.WriteDoubleBigEndian(Header(0xcb, 8), value);

    public void Write(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length <= 31)
        {
            WriteByte((byte)(0xa0 | length));
        }
        else
        {
            WriteLength(length, 0xd9, 0xda, 0xdb);
        }

        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    public void WriteBinary(ReadOnlySpan<byte> value)
    {
        WriteLength(value.Length, 0xc4, 0xc5, 0xc6);
        WriteRaw(value);
    }

    public void WriteArrayHeader(int count)
    {
        if (count <= 15)
        {
            WriteByte((byte)(0x90 | count));
        }
        else
        {
            WriteLength(count, null, 0xdc, 0xdd);
        }
    }

    public void WriteMapHeader(int count)
    {
        if (count <= 15)
        {
            WriteByte((byte)(0x80 | count));
        }
        else
        {
            WriteLength(count, null, 0xde, 0xdf);
        }
    }

    public void WriteExtension(sbyte type, ReadOnlySpan<byte> payload)
    {
        byte? fixCode = payload.Length switch
        {
            1 => 0xd4,
            2 => 0xd5,
            4 => 0xd6,
            8 => 0xd7,
            16 => 0xd8,
            _ => null,
        };
        if (fixCode is { } code)
        {
            WriteByte(code);
        }
        else
        {
            WriteLength(payload.Length, 0xc7, 0xc8, 0xc9);
        }

        WriteByte((byte)type);
        WriteRaw(payload);
    }

    private void WriteLength(int length, byte? code8, byte code16, byte code32)
    {
        if (code8 is { } c8 && length <= byte.MaxValue)
        {
            WriteByte(c8);
            WriteByte((byte)length);
        }
        else if (length <= ushort.MaxValue)
        {
            BinaryPrimitives.WriteUInt16BigEndian(Header(code16, 2), (ushort)length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(Header(code32, 4), (uint)length);
        }
    }

    private Span<byte> Header(byte code, int size)
    {
        WriteByte(code);
        var span = _buffer.GetSpan(size)[..size];
        _buffer.Advance(size);
        return span;
    }

    private void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    private void WriteRaw(ReadOnlySpan<byte> value)
    {
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }
}
