namespace PyCompat.Multiprocessing.Hosting;

/// <summary>A read-only view of a stream that keeps a copy of what was read through it, until <see cref="Recorded"/>.</summary>
internal sealed class RecordingStream(Stream inner) : Stream
{
    private readonly MemoryStream _copy = new();

    /// <summary>The bytes read so far; reading on after this records nothing more.</summary>
    public byte[] Recorded()
    {
        var bytes = _copy.ToArray();
        _recording = false;
        return bytes;
    }

    private bool _recording = true;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (_recording) _copy.Write(buffer[..n]);
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
