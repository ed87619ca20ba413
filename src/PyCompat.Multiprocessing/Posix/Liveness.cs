namespace PyCompat.Multiprocessing.Posix;

/// <summary>Whether a process that is not our child still runs.</summary>
internal static class Liveness
{
    /// <summary>kill(pid, 0) succeeds (or fails with EPERM) exactly while the pid names a process.</summary>
    public static bool IsRunning(int pid) => Libc.kill(pid, 0) == 0 || System.Runtime.InteropServices.Marshal.GetLastPInvokeError() == 1;
}
