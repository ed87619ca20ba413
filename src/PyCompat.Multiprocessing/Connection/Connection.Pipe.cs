using PyCompat.Multiprocessing.Posix;

namespace PyCompat.Multiprocessing;

public sealed partial class Connection
{
    /// <summary>
    /// CPython's <c>multiprocessing.Pipe(duplex)</c>: two connected ends. Duplex (the default) is a Unix socketpair
    /// (AF_UNIX, SOCK_STREAM), each end reading and writing; otherwise an OS pipe whose first end only receives and
    /// second only sends. Both fds are close-on-exec: a child gets one only when it is passed on purpose.
    /// </summary>
    public static unsafe (Connection First, Connection Second) Pipe(bool duplex = true)
    {
        var fds = stackalloc int[2];
        if (duplex)
        {
            if (SocketCalls.socketpair(SocketCalls.AF_UNIX, SocketCalls.SOCK_STREAM | SocketCalls.SOCK_CLOEXEC, 0, fds) != 0)
                throw OSError.Last("socketpair");
            return (new Connection(fds[0]), new Connection(fds[1]));
        }
        if (Libc.pipe2(fds, Libc.O_CLOEXEC) != 0)
            throw OSError.Last("pipe");
        return (new Connection(fds[0], writable: false), new Connection(fds[1], readable: false));
    }
}
