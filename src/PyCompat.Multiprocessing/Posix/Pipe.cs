using System.ComponentModel;
using System.Runtime.InteropServices;

namespace PyCompat.Multiprocessing.Posix;

/// <summary>An OS pipe whose ends are close-on-exec and numbered high enough not to collide with 0-9.</summary>
internal readonly record struct Pipe(int ReadFd, int WriteFd)
{
    /// <summary>Children receive their fds at small fixed numbers: keep ours above them so a dup2 never clobbers one.</summary>
    private const int LowestFd = 10;

    public static unsafe Pipe Create()
    {
        var fds = stackalloc int[2];
        if (Libc.pipe2(fds, Libc.O_CLOEXEC) != 0)
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "pipe2 failed");
        return new Pipe(High(fds[0]), High(fds[1]));
    }

    /// <summary>Moves <paramref name="fd"/> to a close-on-exec number at or above 10 (closing the old one), so that the
    /// fixed numbers a child receives its pipes at never clobber it.</summary>
    public static int High(int fd)
    {
        if (fd >= LowestFd) return fd;
        var moved = Libc.fcntl(fd, Libc.F_DUPFD_CLOEXEC, LowestFd);
        var error = Marshal.GetLastPInvokeError();
        Libc.close(fd);
        if (moved < 0) throw new Win32Exception(error, "fcntl(F_DUPFD_CLOEXEC) failed");
        return moved;
    }
}
