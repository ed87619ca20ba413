using System.Buffers.Binary;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// Reads exactly one pickle (up to and including STOP) from a stream into memory, never past it: the stream may be
/// a pipe whose writer keeps it open. A length prefix is believed only as far as data arrives: the buffer grows in
/// steps as bytes come, so a hostile header claiming gigabytes costs what the stream really holds.
/// </summary>
internal sealed class StreamFramer(Stream stream, PickleLoadOptions options)
{
    private const int Step = 1 << 20;
    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>The pickle's bytes: the first <paramref name="length"/> of the returned array.</summary>
    public static byte[] ReadOne(Stream stream, PickleLoadOptions options, out int length)
    {
        var framer = new StreamFramer(stream, options);
        framer.Run();
        length = framer._length;
        return framer._buffer;
    }

    private void Run()
    {
        while (true)
        {
            var offset = _length;
            var op = ReadByte(offset);
            if (!PickleOps.TryGetArg(op, out var kind, out var size))
                throw new UnpicklingError($"invalid pickle opcode 0x{op:x2} (the data is not a pickle, or is corrupt)", offset, PickleOps.Name(op));
            switch (kind)
            {
                case ArgKind.Fixed:
                    Read(size, offset, op);
                    break;
                case ArgKind.Line:
                    ReadLine(offset, op);
                    break;
                case ArgKind.TwoLines:
                    ReadLine(offset, op);
                    ReadLine(offset, op);
                    break;
                case ArgKind.Counted:
                    Read(size, offset, op);
                    var prefix = _buffer.AsSpan(_length - size, size);
                    var count = size switch
                    {
                        1 => prefix[0],
                        4 when op is PickleOps.Long4 or PickleOps.BinString => BinaryPrimitives.ReadInt32LittleEndian(prefix),
                        4 => BinaryPrimitives.ReadUInt32LittleEndian(prefix),
                        _ => (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(prefix), (ulong)long.MaxValue),
                    };
                    if (count < 0)
                        throw new UnpicklingError($"negative byte count {count}", offset, PickleOps.Name(op));
                    if (count > options.MaxInputLength - _length)
                        throw new UnpicklingError($"a length prefix of {count} bytes takes the pickle past MaxInputLength "
                            + $"({options.MaxInputLength} bytes)", offset, PickleOps.Name(op));
                    while (count > 0)
                    {
                        var chunk = (int)Math.Min(count, Step);
                        Read(chunk, offset, op);
                        count -= chunk;
                    }
                    break;
            }
            if (op == PickleOps.Stop) return;
        }
    }

    private byte ReadByte(int offset)
    {
        Ensure(1, offset, 0);
        var b = stream.ReadByte();
        if (b < 0)
            throw new UnpicklingError("the stream ended before the pickle's STOP opcode (pickle data was truncated)", offset, "end of data");
        _buffer[_length++] = (byte)b;
        return (byte)b;
    }

    private void ReadLine(int offset, byte op)
    {
        while (true)
        {
            Ensure(1, offset, op);
            var b = stream.ReadByte();
            if (b < 0) throw Truncated(offset, op);
            _buffer[_length++] = (byte)b;
            if (b == '\n') return;
        }
    }

    private void Read(int count, int offset, byte op)
    {
        Ensure(count, offset, op);
        try
        {
            stream.ReadExactly(_buffer, _length, count);
        }
        catch (EndOfStreamException e)
        {
            throw new UnpicklingError("the stream ended inside a pickle opcode's argument (pickle data was truncated)",
                offset, PickleOps.Name(op), e);
        }
        _length += count;
    }

    private void Ensure(int count, int offset, byte op)
    {
        if ((long)_length + count > options.MaxInputLength)
            throw new UnpicklingError($"the pickle is longer than MaxInputLength ({options.MaxInputLength} bytes)", offset, PickleOps.Name(op));
        if (_length + count <= _buffer.Length) return;
        var size = (int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)_length + count));
        Array.Resize(ref _buffer, size);
    }

    private static UnpicklingError Truncated(int offset, byte op) =>
        new("the stream ended inside a pickle opcode's argument (pickle data was truncated)", offset, PickleOps.Name(op));
}
