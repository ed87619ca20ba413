using System.Runtime.InteropServices;

namespace PyCompat.PythonHost.Embedding;

/// <summary>
/// Loads libpython with RTLD_GLOBAL: CPython's extension modules (lib-dynload/*.so) are not linked against
/// libpython and find its symbols only in the global namespace, which <see cref="NativeLibrary.Load(string)"/>
/// does not use.
/// </summary>
internal static partial class NativeLibraryLoader
{
    private const int RtldNow = 0x2;
    private static readonly int RtldGlobal = OperatingSystem.IsMacOS() ? 0x8 : 0x100;

    public static IntPtr LoadGlobal(string path)
    {
        var handle = Dlopen(path, RtldNow | RtldGlobal);
        if (handle == IntPtr.Zero)
            throw new DllNotFoundException($"Could not load {path}: {Marshal.PtrToStringUTF8(Dlerror())}");
        return handle;
    }

    // glibc 2.34+ and macOS export dlopen from libc; older glibc only from libdl.so.2.
    private static IntPtr Dlopen(string path, int flags)
    {
        try
        {
            return LibcDlopen(path, flags);
        }
        catch (EntryPointNotFoundException)
        {
            return LibdlDlopen(path, flags);
        }
    }

    private static IntPtr Dlerror()
    {
        try
        {
            return LibcDlerror();
        }
        catch (EntryPointNotFoundException)
        {
            return LibdlDlerror();
        }
    }

    [LibraryImport("libc", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr LibcDlopen(string path, int flags);

    [LibraryImport("libc", EntryPoint = "dlerror")]
    private static partial IntPtr LibcDlerror();

    [LibraryImport("libdl.so.2", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr LibdlDlopen(string path, int flags);

    [LibraryImport("libdl.so.2", EntryPoint = "dlerror")]
    private static partial IntPtr LibdlDlerror();
}
