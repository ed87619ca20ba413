using System.Runtime.InteropServices;

namespace PyCompat.Multiprocessing.Posix;

/// <summary>
/// POSIX named semaphores (<c>sem_open</c> and friends, in glibc's libc since 2.34 and in libpthread before), the
/// kernel object under CPython's <c>_multiprocessing.SemLock</c>: a name under /dev/shm that any process may open.
/// </summary>
internal static unsafe partial class Semaphores
{
    public const int O_CREAT = 0x40;
    public const int O_EXCL = 0x80;
    public const int EAGAIN = 11;
    public const int EEXIST = 17;
    public const int ETIMEDOUT = 110;

    /// <summary>CPython's <c>SemLock.SEM_VALUE_MAX</c> on Linux.</summary>
    public const int SemValueMax = int.MaxValue;

    /// <summary>sem_open's SEM_FAILED.</summary>
    public static readonly nint Failed = 0;

    [StructLayout(LayoutKind.Sequential)]
    public struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // sem_open is variadic (mode and value follow O_CREAT); on the System V ABIs .NET runs on, passing them as fixed
    // int arguments is the same call.
    [LibraryImport("libc", EntryPoint = "sem_open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint Open(string name, int flags, uint mode, uint value);

    [LibraryImport("libc", EntryPoint = "sem_open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint OpenExisting(string name, int flags);

    [LibraryImport("libc", EntryPoint = "sem_close", SetLastError = true)]
    public static partial int Close(nint handle);

    [LibraryImport("libc", EntryPoint = "sem_unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Unlink(string name);

    [LibraryImport("libc", EntryPoint = "sem_wait", SetLastError = true)]
    public static partial int Wait(nint handle);

    [LibraryImport("libc", EntryPoint = "sem_trywait", SetLastError = true)]
    public static partial int TryWait(nint handle);

    [LibraryImport("libc", EntryPoint = "sem_timedwait", SetLastError = true)]
    public static partial int TimedWait(nint handle, Timespec* deadline);

    [LibraryImport("libc", EntryPoint = "sem_post", SetLastError = true)]
    public static partial int Post(nint handle);

    [LibraryImport("libc", EntryPoint = "sem_getvalue", SetLastError = true)]
    public static partial int GetValue(nint handle, int* value);

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    public static partial int ClockGetTime(int clock, Timespec* now);

    /// <summary>CLOCK_REALTIME: sem_timedwait's deadline is on this clock, as CPython computes it.</summary>
    public const int ClockRealtime = 0;
}
