using System.Runtime.InteropServices;

namespace PyCompat.Multiprocessing.Posix;

/// <summary>
/// One started OS child: it reaps the child on a small thread of its own (so no zombie outlives it) and keeps the
/// exit code as Python reports it. The Popen of CPython's design: <see cref="Process"/> checks the rules, this owns the OS process.
/// </summary>
internal sealed class ChildProcess
{
    private const int ReaperStackSize = 64 * 1024;
    private readonly ManualResetEvent _exited = new(false);
    private readonly Lock _gate = new();
    private int? _exitCode;

    public int Pid { get; }

    /// <summary>Set once the child has ended and been reaped.</summary>
    public WaitHandle Exited => _exited;

    public int? ExitCode
    {
        get { lock (_gate) return _exitCode; }
    }

    private readonly int[] _closeWhenReaped;
    private readonly Action<int, int>? _onReaped;

    private ChildProcess(int pid, int[] closeWhenReaped, Action<int, int>? onReaped)
    {
        Pid = pid;
        _closeWhenReaped = closeWhenReaped;
        _onReaped = onReaped;
        var reaper = new Thread(Reap, ReaperStackSize) { IsBackground = true, Name = $"reaper {pid}" };
        reaper.Start();
    }

    public static ChildProcess Start(string path, IReadOnlyList<string> argv, IReadOnlyList<string> environment,
        IReadOnlyList<(int Source, int Target)> fds, int[] closeWhenReaped, Action<int, int>? onReaped = null,
        int? closeFrom = null) =>
        new(PosixSpawn.Spawn(path, argv, environment, fds, closeFrom), closeWhenReaped, onReaped);

    /// <summary>Waits up to <paramref name="timeout"/> (forever when null); returns the exit code, or null if still running.</summary>
    public int? Wait(TimeSpan? timeout)
    {
        if (timeout is null) _exited.WaitOne();
        else _exited.WaitOne(timeout.Value < TimeSpan.Zero ? TimeSpan.Zero : timeout.Value);
        return ExitCode;
    }

    /// <summary>Sends <paramref name="signal"/> unless the child has already been reaped (its pid may be reused then).</summary>
    public void Signal(int signal)
    {
        lock (_gate)
        {
            if (_exitCode is null) Libc.kill(Pid, signal);
        }
    }

    private unsafe void Reap()
    {
        int status;
        int rc;
        do rc = Libc.waitpid(Pid, &status, 0);
        while (rc < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR);
        lock (_gate)
            _exitCode = rc == Pid ? Libc.ExitCodeFromWaitStatus(status) : 255;
        // Before Exited is set, so whoever joins the child sees what the callback did (pid, exit code).
        _onReaped?.Invoke(Pid, _exitCode!.Value);
        foreach (var fd in _closeWhenReaped) Libc.close(fd);
        _exited.Set();
    }
}
