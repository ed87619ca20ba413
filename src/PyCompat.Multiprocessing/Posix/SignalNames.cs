namespace PyCompat.Multiprocessing.Posix;

/// <summary>Linux's signal names, for an exit code as CPython's <c>repr(p)</c> shows it (<c>exitcode=-SIGTERM</c>).</summary>
internal static class SignalNames
{
    // CPython builds the same table from the signal module (Lib/multiprocessing/process.py, _exitcode_to_name).
    private static readonly string?[] Names =
    [
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1",
        "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
        "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGPOLL", "SIGPWR",
        "SIGSYS",
    ];

    /// <summary><c>-SIGTERM</c> for -15; any other code as its number.</summary>
    public static string ExitCodeName(int exitCode)
    {
        var signal = -exitCode;
        if (signal > 0 && signal < Names.Length && Names[signal] is { } name) return "-" + name;
        if (signal == 34) return "-SIGRTMIN";
        if (signal == 64) return "-SIGRTMAX";
        return exitCode.ToString();
    }
}
