using System.Runtime.InteropServices;

namespace PyCompat.Multiprocessing.Posix;

/// <summary>The libc calls under CPython's <c>multiprocessing.heap.Arena</c>: a temporary file, unlinked at once, sized
/// and mapped shared, so every process that has the fd maps the same memory.</summary>
internal static unsafe partial class SharedMemory
{
    public const int PROT_READ = 0x1, PROT_WRITE = 0x2, MAP_SHARED = 0x1;

    /// <summary>mmap's MAP_FAILED.</summary>
    public static readonly nint MapFailed = -1;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mkostemp(byte* template, int flags);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int unlink(string path);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ftruncate(int fd, long length);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int munmap(nint address, nuint length);
}
