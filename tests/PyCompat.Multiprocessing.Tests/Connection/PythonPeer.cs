using System.Collections;
using Microsoft.Win32.SafeHandles;
using PyCompat.Multiprocessing.Posix;

namespace PyCompat.Multiprocessing.Tests.Connection;

/// <summary>
/// A CPython process running python/connection_peer.py with one end of a connection at fd 3 (what pass_fds does in
/// CPython), its stdout and stderr captured through pipes. Disposing waits for it (a guard against hangs, not a
/// timed assertion) and kills it if it is still there.
/// </summary>
public sealed class PythonPeer : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(120);
    private readonly ChildProcess _child;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    private PythonPeer(string python, string[] args, int fd)
    {
        var stdout = Pipe.Create();
        var stderr = Pipe.Create();
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Select(entry => $"{entry.Key}={entry.Value}").ToArray();
        _child = ChildProcess.Start(python, [python, Python.Script("connection_peer.py"), .. args], environment,
            [(fd, 3), (stdout.WriteFd, 1), (stderr.WriteFd, 2)], [stdout.WriteFd, stderr.WriteFd]);
        _stdout = ReadAll(stdout.ReadFd);
        _stderr = ReadAll(stderr.ReadFd);
    }

    /// <summary>Starts <paramref name="python"/> in <paramref name="mode"/> with <paramref name="childEnd"/> as its
    /// fd 3; our copy of that end is closed, so the child holds the only one.</summary>
    public static PythonPeer Start(string python, Multiprocessing.Connection childEnd, string mode, params string[] args)
    {
        using (childEnd)
            return new PythonPeer(python, [mode, .. args], childEnd.Fileno());
    }

    /// <summary>Waits for the exit and returns stdout; fails with stderr when the exit code is not 0.</summary>
    public string Finish()
    {
        var code = _child.Wait(Guard);
        if (code is null)
        {
            _child.Signal(Libc.SIGKILL);
            Assert.Fail($"the CPython peer did not exit; stderr: {Stderr()}");
        }
        Assert.True(code == 0, $"the CPython peer exited with {code}; stderr: {Stderr()}");
        return _stdout.Wait(Guard) ? _stdout.Result : "";
    }

    public void Dispose()
    {
        if (_child.Wait(Guard) is null) _child.Signal(Libc.SIGKILL);
    }

    private string Stderr() => _stderr.Wait(TimeSpan.FromSeconds(5)) ? _stderr.Result : "(not read)";

    private static Task<string> ReadAll(int fd) => Task.Run(async () =>
    {
        using var stream = new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Read);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    });
}
