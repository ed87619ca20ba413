namespace PyCompat.Pickling.Tests.Infrastructure;

/// <summary>
/// A pipe stand-in: serves its bytes, then fails the test on any read past them (a real pipe whose writer keeps
/// it open would block there forever). Not seekable, like a pipe.
/// </summary>
public sealed class NoReadAheadStream(byte[] data) : Stream
{
    private int _position;

    public bool Disposed { get; private set; }
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.Length == 0) return 0;
        if (_position >= data.Length)
            throw new InvalidOperationException("read past the last pickle: on a pipe this read would block forever");
        var n = Math.Min(buffer.Length, data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}
