namespace PyCompat.Pickling.Reading;

/// <summary>Where the transcoder reads pickle bytes from: exactly as many as it asks for, never more.</summary>
internal interface IPickleSource
{
    /// <summary>The next byte; throws <see cref="UnpicklingError"/> at the end of the data.</summary>
    byte ReadByte();

    /// <summary>Fills <paramref name="target"/> exactly.</summary>
    void ReadExactly(Span<byte> target);
}

/// <summary>Reads a pickle held in memory.</summary>
internal sealed class ArraySource(byte[] data) : IPickleSource
{
    private int _position;

    public byte ReadByte() => _position < data.Length ? data[_position++] : throw Truncated();

    public void ReadExactly(Span<byte> target)
    {
        if (target.Length > data.Length - _position) throw Truncated();
        data.AsSpan(_position, target.Length).CopyTo(target);
        _position += target.Length;
    }

    private static UnpicklingError Truncated() => new("pickle data was truncated (no STOP opcode before the end of the data)");
}

/// <summary>
/// Reads a stream one request at a time with no buffering of its own: the stream may be a pipe whose writer keeps
/// it open after the pickle, so reading ahead (or to end-of-file) would block.
/// </summary>
internal sealed class StreamSource(Stream stream) : IPickleSource
{
    public byte ReadByte()
    {
        var b = stream.ReadByte();
        return b >= 0 ? (byte)b : throw new UnpicklingError("the stream ended before the pickle's STOP opcode (pickle data was truncated)");
    }

    public void ReadExactly(Span<byte> target)
    {
        try
        {
            stream.ReadExactly(target);
        }
        catch (EndOfStreamException e)
        {
            throw new UnpicklingError("the stream ended inside a pickle opcode's argument (pickle data was truncated)", e);
        }
    }
}
