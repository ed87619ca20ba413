using System.Reflection;
using Microsoft.Win32.SafeHandles;
using PyCompat.Multiprocessing.Posix;
using PyCompat.Multiprocessing.ResourceTracking;
using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// The child end of CPython's spawn protocol in .NET: what the <c>pycompat-worker</c> program runs. It reads the
/// preparation data and the process object from the pipe, finds the C# port of the target, binds the arguments,
/// runs it, and exits as CPython's <c>BaseProcess._bootstrap</c> does.
/// </summary>
public static class WorkerHost
{
    /// <summary>Runs the worker for a spawn command line; returns the exit code.</summary>
    /// <param name="args">The command line after the executable, as CPython's spawn (or a PyCompat parent) wrote it.</param>
    /// <param name="builtInPorts">Assemblies whose <c>[PyTarget]</c> methods are always available.</param>
    public static int Run(string[] args, params Assembly[] builtInPorts)
    {
        if (args is [ResourceTracker.TrackerFlag, var trackerFd] && int.TryParse(trackerFd, out var readFd))
            return TrackerMain.Run(readFd);
        if (SpawnCommandLine.TryParsePipeHandle(args) is not { } pipe)
        {
            // CPython also starts its resource tracker with the executable given to set_executable().
            if (SpawnCommandLine.OtherCommand(args) is not null) return PythonPassthrough.Exec(args);
            Console.Error.WriteLine(
                "pycompat-worker: expected CPython's spawn command line (-c 'from multiprocessing.spawn import spawn_main; " +
                $"spawn_main(pipe_handle=N)' {SpawnCommandLine.ForkFlag}); this program is started by multiprocessing, not by hand.");
            return 2;
        }
        // A terminated Python child dies of the signal at once (exit code -15); so does this one.
        Libc.signal(Libc.SIGTERM, 0);
        if (SpawnCommandLine.TryParseTrackerFd(args) is { } tracker) ResourceTracker.UseInherited(tracker);
        StandardStreams.UsePythonBuffering();

        SpawnRequest request;
        try
        {
            // Buffered: the framer reads a pickle an opcode at a time, ~300 read(2) calls for a C# parent's request
            // unbuffered. A buffered read asks for more only when the framer needs a byte, and takes what the pipe
            // has, so it never waits for bytes past the second pickle either.
            using var stream = new FileStream(new SafeFileHandle(pipe, ownsHandle: false), FileAccess.Read, 4096);
            request = SpawnRequest.Read(stream);
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"pycompat-worker: cannot read the spawn request from fd {pipe}: {OneLine(error)}");
            return 1;
        }
        if (request.Directory is { } dir && Directory.Exists(dir)) Directory.SetCurrentDirectory(dir);
        Logging.Prepare(request.LogToStderr, request.LogLevel);

        WorkerEntry entry;
        try
        {
            entry = WorkerEntry.Resolve(request, new TargetResolver(builtInPorts, request.Assemblies));
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"pycompat-worker: {OneLine(error)}");
            return 1;
        }
        ChildLog.Record(entry.PythonName);
        BecomeChild(request, entry.Instance);
        ParentWatch.FollowParentIfDaemon(pipe, request.Daemon);
        return Bootstrap(request, entry);
    }

    /// <summary>CPython's <c>BaseProcess._bootstrap</c>: the same log lines, the same exit codes, the same traceback layout.</summary>
    private static int Bootstrap(SpawnRequest request, WorkerEntry entry)
    {
        int exitCode;
        try
        {
            Logging.Info("child process calling self.run()");
            try
            {
                entry.Run(() => SignalReady(request));
                exitCode = 0;
            }
            finally
            {
                ProcessRegistry.JoinChildrenAtExit();
            }
        }
        catch (SystemExit exit)
        {
            exitCode = ExitCodeOf(exit);
        }
        catch (Exception error)
        {
            Console.Out.Flush();
            Console.Error.Write($"Process {request.Name}:\n{PythonTraceback.Format(error)}");
            exitCode = 1;
        }
        Logging.Info($"process exiting with exitcode {exitCode}");
        Console.Out.Flush();
        Console.Error.Flush();
        return exitCode;
    }

    /// <summary>Closes the parent's ready pipe (<see cref="SpawnRequest.ReadyFd"/>) once the arguments are rebuilt, and
    /// before the target runs, so no process it starts inherits it.</summary>
    private static void SignalReady(SpawnRequest request)
    {
        if (request.ReadyFd is { } ready) Libc.close(ready);
    }

    private static int ExitCodeOf(SystemExit exit)
    {
        switch (exit.Code)
        {
            case null:
                return 0;
            case int code:
                return code;
            default:
                Console.Error.WriteLine(exit.Code.ToString());
                return 1;
        }
    }

    /// <summary>Becomes the process the parent described; a rebuilt subclass instance is that process itself, as in CPython.</summary>
    private static void BecomeChild(SpawnRequest request, Process? instance)
    {
        var self = instance ?? new Process(request.Name, request.Identity, Environment.ProcessId, request.Daemon, request.AuthKey,
            request.ParentPid, request.ParentName);
        var parent = request.ParentPid is { } parentPid
            ? new Process(request.ParentName ?? "MainProcess", [], parentPid, false, request.AuthKey, null, null)
            : null;
        ProcessRegistry.BecomeChild(self, parent);
    }

    private static string OneLine(Exception error) =>
        (error.InnerException is { } inner && error is TypeInitializationException ? inner : error).Message.ReplaceLineEndings(" ");
}
