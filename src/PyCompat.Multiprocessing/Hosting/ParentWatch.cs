using System.Runtime.InteropServices;
using PyCompat.Multiprocessing.Posix;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// Notices that the parent has died: the parent holds the write end of the spawn pipe until it has reaped this child,
/// so end-of-file on our end means it is gone (killed, perhaps, with no chance to terminate its daemons).
/// </summary>
internal static unsafe class ParentWatch
{
    /// <summary>CPython's exit code for a process killed by SIGKILL, for a daemon that follows its dead parent.</summary>
    private const int KilledBySigkill = 128 + Libc.SIGKILL;

    /// <summary>
    /// For a daemon, ends this process when the parent dies, as the parent's exit handler would have terminated it.
    /// Non-daemon children are left to finish their work: nothing of theirs waits on the pipe.
    /// </summary>
    public static void FollowParentIfDaemon(int pipeFd, bool daemon)
    {
        if (!daemon) return;
        var watcher = new Thread(() => WaitForEndOfFile(pipeFd), 64 * 1024) { IsBackground = true, Name = "parent watch" };
        watcher.Start();
    }

    private static void WaitForEndOfFile(int fd)
    {
        byte buffer;
        while (true)
        {
            var n = Libc.read(fd, &buffer, 1);
            if (n == 0) break;
            if (n < 0 && Marshal.GetLastPInvokeError() != Libc.EINTR) return;
        }
        Console.Out.Flush();
        Libc._exit(KilledBySigkill);
    }
}
