using System.Diagnostics;
using System.Runtime.InteropServices;
using PyCompat.Multiprocessing.Posix;

namespace PyCompat.Multiprocessing;

/// <summary>Blocking reads, writes and polls on a raw fd, as CPython's <c>os.read</c>, <c>os.write</c> and
/// <c>selectors.PollSelector</c> do them (EINTR retried, errors as <see cref="OSError"/>).</summary>
internal static unsafe class FdIo
{
    private const int EINTR = 4;

    /// <summary>One read(2): the bytes read, 0 at end of file.</summary>
    public static int Read(int fd, Span<byte> into)
    {
        fixed (byte* p = into)
        {
            while (true)
            {
                var n = Libc.read(fd, p, into.Length);
                if (n >= 0) return (int)n;
                if (Marshal.GetLastPInvokeError() != EINTR) throw OSError.Last();
            }
        }
    }

    /// <summary>Writes every byte, looping over short writes as <c>Connection._send</c> does.</summary>
    public static void WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            var p = start;
            var remaining = (long)data.Length;
            while (remaining > 0)
            {
                var n = SocketCalls.write(fd, p, (nint)remaining);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == EINTR) continue;
                    throw OSError.Last();
                }
                p += n;
                remaining -= n;
            }
        }
    }

    /// <summary>
    /// poll(2) for input on <paramref name="fds"/>: the indexes that are ready. Like CPython's PollSelector, any event
    /// but POLLOUT (hang-up, error, a closed fd) counts as readable, so a reader then sees EOF or the error.
    /// </summary>
    /// <param name="fds">The fds.</param>
    /// <param name="timeout">null to wait forever; zero or less to look without waiting.</param>
    public static List<int> PollReadable(IReadOnlyList<int> fds, TimeSpan? timeout)
    {
        var entries = new SocketCalls.PollFd[fds.Count];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = new SocketCalls.PollFd { Fd = fds[i], Events = SocketCalls.POLLIN };
        // A monotonic deadline, as CPython's time.monotonic(): a clock change never stretches or cuts a wait.
        var deadline = timeout is { } t
            ? Stopwatch.GetTimestamp() + (long)(Math.Clamp(t.TotalSeconds, 0, 1e9) * Stopwatch.Frequency)
            : (long?)null;
        fixed (SocketCalls.PollFd* p = entries)
        {
            while (true)
            {
                var rc = SocketCalls.poll(p, (nuint)entries.Length, Milliseconds(deadline));
                if (rc < 0 && Marshal.GetLastPInvokeError() != EINTR)
                    throw OSError.Last("poll");
                if (rc > 0)
                {
                    var ready = new List<int>();
                    for (var i = 0; i < entries.Length; i++)
                        if ((entries[i].REvents & ~SocketCalls.POLLOUT) != 0) ready.Add(i);
                    return ready;
                }
                if (deadline is { } d && Stopwatch.GetTimestamp() >= d) return [];
            }
        }
    }

    /// <summary>poll's timeout: rounded up as CPython's PollSelector does, so a wait never ends early.</summary>
    private static int Milliseconds(long? deadline)
    {
        if (deadline is null) return -1;
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline.Value).TotalMilliseconds;
        return left <= 0 ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(left));
    }
}
