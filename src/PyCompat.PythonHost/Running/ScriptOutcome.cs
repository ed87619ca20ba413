using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace PyCompat.PythonHost.Running;

/// <summary>How the script ended, as python3 would report it.</summary>
/// <param name="ExitCode">python3's exit code for the same script (0-255).</param>
/// <param name="KeyboardInterrupt">The script ended with an uncaught KeyboardInterrupt: python3 then ends itself
/// with SIGINT, which shells and .NET report as 130.</param>
public sealed partial record ScriptOutcome(int ExitCode, bool KeyboardInterrupt = false)
{
    private const int SigInt = 2;

    /// <summary>
    /// Ends this process the way python3 ends: with <see cref="ExitCode"/>, or killed by SIGINT after a
    /// KeyboardInterrupt. It skips .NET's own shutdown, which has nothing left to do once Python is finalized.
    /// </summary>
    [DoesNotReturn]
    public void ExitProcess() => ExitProcess(flushConsole: true);

    /// <summary>
    /// <see cref="ExitProcess()"/>, flushing .NET's <see cref="Console.Out"/> and <see cref="Console.Error"/> first only
    /// when <paramref name="flushConsole"/> is true. Pass false when nothing in this process replaced them
    /// (<see cref="Console.SetOut"/>) with a writer that buffers: .NET's own console writers flush every write, and
    /// the script's output is Python's, written to the file descriptors. <c>pycompat run</c> passes false, since asking
    /// for the writers creates them, which was ~3 ms of its run (docs/performance.md, "Start-up of pycompat run").
    /// </summary>
    /// <param name="flushConsole">Whether to flush .NET's console writers before exiting.</param>
    [DoesNotReturn]
    public void ExitProcess(bool flushConsole)
    {
        if (flushConsole)
        {
            Console.Out.Flush();
            Console.Error.Flush();
        }

        if (KeyboardInterrupt && !OperatingSystem.IsWindows())
        {
            Signal(SigInt, IntPtr.Zero); // SIG_DFL
            Kill(GetPid(), SigInt);
        }

        Exit(ExitCode);
        throw new UnreachableException();
    }

    [LibraryImport("libc", EntryPoint = "_exit")]
    private static partial void Exit(int status);

    [LibraryImport("libc", EntryPoint = "signal")]
    private static partial IntPtr Signal(int signal, IntPtr handler);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "getpid")]
    private static partial int GetPid();
}
