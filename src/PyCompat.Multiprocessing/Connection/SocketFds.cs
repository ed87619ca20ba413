using System.Net.Sockets;
using System.Runtime.InteropServices;
using PyCompat.Multiprocessing.Posix;

namespace PyCompat.Multiprocessing;

/// <summary>
/// CPython's <c>SocketListener</c> and <c>SocketClient</c> below the Connection: blocking, close-on-exec stream
/// sockets as raw fds, so the fd that ends up in a Connection is exactly the one bound or connected.
/// </summary>
internal static unsafe class SocketFds
{
    private const int EINTR = 4;
    private const int SockaddrStorage = 128;

    /// <summary>A socket bound to <paramref name="sockaddr"/> and listening, with SO_REUSEADDR as CPython sets it on POSIX.</summary>
    public static int Listen(AddressFamily family, byte[] sockaddr, int backlog)
    {
        var fd = NewSocket(family);
        try
        {
            var one = 1;
            if (SocketCalls.setsockopt(fd, SocketCalls.SOL_SOCKET, SocketCalls.SO_REUSEADDR, &one, sizeof(int)) != 0)
                throw OSError.Last("setsockopt(SO_REUSEADDR)");
            fixed (byte* p = sockaddr)
                if (SocketCalls.bind(fd, p, sockaddr.Length) != 0)
                    throw OSError.Last("bind");
            if (SocketCalls.listen(fd, backlog) != 0) throw OSError.Last("listen");
            return fd;
        }
        catch
        {
            Libc.close(fd);
            throw;
        }
    }

    /// <summary>accept(2), retried on EINTR: the new fd and the peer's sockaddr bytes.</summary>
    public static int Accept(int listenFd, out byte[] peer)
    {
        var storage = stackalloc byte[SockaddrStorage];
        while (true)
        {
            var length = SockaddrStorage;
            var fd = SocketCalls.accept4(listenFd, storage, &length, SocketCalls.SOCK_CLOEXEC);
            if (fd >= 0)
            {
                peer = new ReadOnlySpan<byte>(storage, Math.Min(length, SockaddrStorage)).ToArray();
                return fd;
            }
            if (Marshal.GetLastPInvokeError() != EINTR) throw OSError.Last("accept");
        }
    }

    /// <summary>A socket connected to <paramref name="sockaddr"/>.</summary>
    public static int Connect(AddressFamily family, byte[] sockaddr)
    {
        var fd = NewSocket(family);
        fixed (byte* p = sockaddr)
            if (SocketCalls.connect(fd, p, sockaddr.Length) != 0)
            {
                var error = OSError.Last("connect");
                Libc.close(fd);
                throw error;
            }
        return fd;
    }

    /// <summary>getsockname(2): where the socket is bound (the port the system chose for port 0).</summary>
    public static byte[] LocalAddress(int fd)
    {
        var storage = stackalloc byte[SockaddrStorage];
        var length = SockaddrStorage;
        if (SocketCalls.getsockname(fd, storage, &length) != 0) throw OSError.Last("getsockname");
        return new ReadOnlySpan<byte>(storage, Math.Min(length, SockaddrStorage)).ToArray();
    }

    private static int NewSocket(AddressFamily family)
    {
        var domain = family == AddressFamily.Unix ? SocketCalls.AF_UNIX : SocketCalls.AF_INET;
        var fd = SocketCalls.socket(domain, SocketCalls.SOCK_STREAM | SocketCalls.SOCK_CLOEXEC, 0);
        return fd >= 0 ? fd : throw OSError.Last("socket");
    }
}
