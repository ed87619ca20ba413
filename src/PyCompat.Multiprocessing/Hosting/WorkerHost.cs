using System.Reflection;
using Microsoft.Win32.SafeHandles;
using PyCompat.Multiprocessing.Posix;
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

        SpawnRequest request;
        try
        {
            using var stream = new FileStream(new SafeFileHandle(pipe, ownsHandle: false), FileAccess.Read, 0);
            request = SpawnRequest.Read(stream);
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"pycompat-worker: cannot read the spawn request from fd {pipe}: {OneLine(error)}");
            return 1;
        }
        if (request.Directory is { } dir && Directory.Exists(dir)) Directory.SetCurrentDirectory(dir);
        BecomeChild(request);
        ParentWatch.FollowParentIfDaemon(pipe, request.Daemon);

        MethodInfo method;
        try
        {
            method = new TargetResolver(builtInPorts, request.Assemblies).Resolve(request.Target, request.MainModule, request.ClrMethod);
        }
        catch (Exception error)
        {
            Console.Error.WriteLine($"pycompat-worker: {OneLine(error)}");
            return 1;
        }
        // Evidence for a checker that this process ran a port in .NET (PYCOMPAT_CHILD_LOG, see ChildLog).
        ChildLog.Append(request.Target.Module == "__main__" && request.MainModule is not null ? request.MainModule : request.Target.Module, request.Target.Name);
        return Bootstrap(request, method);
    }

    private static int Bootstrap(SpawnRequest request, MethodInfo method)
    {
        int exitCode;
        try
        {
            try
            {
                var values = ArgumentBinder.Bind(method, request.Target.Name, request.Args, request.Kwargs);
                method.Invoke(Instance(method), BindingFlags.DoNotWrapExceptions, null, values, null);
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
        Console.Out.Flush();
        Console.Error.Flush();
        return exitCode;
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

    /// <summary>A non-capturing lambda lives on a compiler-made singleton; other targets are static.</summary>
    private static object? Instance(MethodInfo method)
    {
        if (method.IsStatic) return null;
        var type = method.DeclaringType!;
        return type.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(null)
            ?? Activator.CreateInstance(type, nonPublic: true);
    }

    private static void BecomeChild(SpawnRequest request)
    {
        var self = new Process(request.Name, request.Identity, Environment.ProcessId, request.Daemon, request.AuthKey,
            request.ParentPid, request.ParentName);
        var parent = request.ParentPid is { } parentPid
            ? new Process(request.ParentName ?? "MainProcess", [], parentPid, false, request.AuthKey, null, null)
            : null;
        ProcessRegistry.BecomeChild(self, parent);
    }

    private static string OneLine(Exception error) =>
        (error.InnerException is { } inner && error is TypeInitializationException ? inner : error).Message.ReplaceLineEndings(" ");
}
