using System.Runtime.InteropServices;
using PyCompat.Multiprocessing.Posix;
using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// Hands a command that is not a spawn (CPython's resource tracker: <c>-B -c 'from multiprocessing.resource_tracker
/// import main;main(3)'</c>) to the real interpreter, replacing this process so the inherited fds stay where they are.
/// </summary>
internal static unsafe class PythonPassthrough
{
    public static int Exec(string[] args)
    {
        string python;
        try
        {
            python = PythonLocator.Executable();
        }
        catch (FileNotFoundException error)
        {
            Console.Error.WriteLine($"pycompat-worker: {error.Message}");
            return 1;
        }
        using var argv = new NativeStringArray([python, .. args]);
        using var env = new NativeStringArray(NativeStringArray.CurrentEnvironment());
        var path = NativeStringArray.Utf8(python);
        Libc.execve((byte*)path, argv.Pointer, env.Pointer);
        Console.Error.WriteLine($"pycompat-worker: cannot run {python}: errno {Marshal.GetLastPInvokeError()}");
        return 1;
    }
}
