using System.Buffers.Binary;

namespace PyCompat.Multiprocessing;

/// <summary>
/// CPython's message framing on a byte stream (<c>Connection._send_bytes</c> / <c>_recv_bytes</c> in
/// multiprocessing/connection.py): a 4-byte big-endian signed length, or -1 and an 8-byte big-endian unsigned length
/// for a message longer than 0x7fffffff, then the bytes.
/// </summary>
internal static class Framing
{
    /// <summary>Up to this size CPython sends header and payload in one write (Nagle on TCP); past it, two.</summary>
    private const int CoalesceLimit = 16384;

    /// <summary>A message up to this size is read into its final array at once; a longer one grows as bytes arrive,
    /// so a peer that announces more than it sends costs us what it sent, not what it announced.</summary>
    private const int FirstChunk = 1 << 20;

    public static void Send(int fd, ReadOnlySpan<byte> payload)
    {
        if (payload.Length <= CoalesceLimit)
        {
            Span<byte> frame = stackalloc byte[4 + payload.Length];
            BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
            payload.CopyTo(frame[4..]);
            FdIo.WriteAll(fd, frame);
            return;
        }
        // A .NET span never exceeds 0x7fffffff bytes, so the -1 + 8-byte form is only written by CPython peers (it is
        // read below); past the coalescing limit CPython writes header and payload separately, and so do we.
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, payload.Length);
        FdIo.WriteAll(fd, header);
        FdIo.WriteAll(fd, payload);
    }

    /// <summary>Reads a header: the announced length, which a hostile peer may make negative or huge (up to 2^64-1,
    /// reported as <see cref="long.MaxValue"/>); the caller checks it before reading the payload.</summary>
    public static long ReadLength(int fd)
    {
        Span<byte> header = stackalloc byte[8];
        ReadExactly(fd, header[..4]);
        var size = BinaryPrimitives.ReadInt32BigEndian(header);
        if (size != -1) return size;
        ReadExactly(fd, header);
        var wide = BinaryPrimitives.ReadUInt64BigEndian(header);
        return wide > long.MaxValue ? long.MaxValue : (long)wide;
    }

    /// <summary>Reads a payload of <paramref name="size"/> bytes, already checked against the caller's limits.</summary>
    public static byte[] ReadPayload(int fd, int size)
    {
        if (size <= FirstChunk)
        {
            var exact = GC.AllocateUninitializedArray<byte>(size);
            ReadExactly(fd, exact);
            return exact;
        }
        // Uninitialized, as above: every byte is read into before the array is returned. Array.Resize zeroed each
        // doubling before copying into it, 1 + 2 + 4 + ... MiB written twice for a 10 MB message.
        var buffer = GC.AllocateUninitializedArray<byte>(FirstChunk);
        var filled = 0;
        while (true)
        {
            filled += ReadSome(fd, buffer.AsSpan(filled), filled == 0);
            if (filled == size) return buffer;
            if (filled == buffer.Length)
            {
                var bigger = GC.AllocateUninitializedArray<byte>((int)Math.Min(size, 2L * buffer.Length));
                buffer.AsSpan().CopyTo(bigger);
                buffer = bigger;
            }
        }
    }

    /// <summary>CPython's <c>Connection._recv</c>: end of file before the first byte is EOFError, after it
    /// 'got end of file during message'.</summary>
    public static void ReadExactly(int fd, Span<byte> into)
    {
        var filled = 0;
        while (filled < into.Length)
            filled += ReadSome(fd, into[filled..], filled == 0);
    }

    private static int ReadSome(int fd, Span<byte> into, bool atStart)
    {
        var n = FdIo.Read(fd, into);
        if (n > 0) return n;
        if (atStart) throw new EOFError();
        throw new OSError("got end of file during message");
    }
}
