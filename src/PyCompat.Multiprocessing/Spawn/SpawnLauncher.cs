using PyCompat.Multiprocessing.Posix;

namespace PyCompat.Multiprocessing.Spawn;

/// <summary>
/// Starts a child for a <see cref="Process"/> as CPython's <c>popen_spawn_posix</c> does: pickles first (so failures
/// stay in the parent), then the child with the pipe at fd 3, then the pickles down the pipe. As in CPython, the parent
/// keeps its end of the pipe open until the child is reaped: the child sees end-of-file there only if its parent dies.
/// .NET targets run in the PyCompat worker host, Python targets in CPython. A daemon CPython child also gets a lifeline
/// pipe at fd 4 that it watches, so it dies with a parent that is killed (the worker host watches fd 3 itself).
/// </summary>
internal static class SpawnLauncher
{
    public static ChildProcess Launch(Process process)
    {
        var (executable, prefix, assemblies, environment) = process.Target switch
        {
            DotNetTarget dotnet => ForDotNet(dotnet),
            PythonTarget python => ForPython(python),
            null when process.OverridesRun => ForDotNet(process.GetType().Assembly),
            _ => throw new InvalidOperationException($"unknown target kind {process.Target?.GetType().Name}"),
        };
        assemblies = [.. assemblies, .. process.ChildAssemblies.Except(assemblies)];
        var popen = new Reduction.SpawningPopen();
        var payload = Concat(ProcessObjectWriter.PreparationData(process, assemblies), ProcessObjectWriter.ProcessObject(process, popen));

        var data = Pipe.Create();
        Pipe? lifeline = process.Target is PythonTarget && process.Daemon ? Pipe.Create() : null;
        // As CPython's spawn: the child registers what it creates with this process's resource tracker (if one runs).
        var tracker = ResourceTracking.ResourceTracker.Fd;
        var arguments = lifeline is null
            ? SpawnCommandLine.Arguments(SpawnCommandLine.PipeFd, tracker)
            : SpawnCommandLine.DaemonPythonArguments(SpawnCommandLine.PipeFd, SpawnCommandLine.LifelineFd, tracker);
        List<(int, int)> fds = [(data.ReadFd, SpawnCommandLine.PipeFd)];
        if (lifeline is { } l) fds.Add((l.ReadFd, SpawnCommandLine.LifelineFd));
        // CPython's DupFd: the same number in the child.
        List<(int, int)> passed = [.. popen.Fds.Concat(tracker is { } t ? [t] : []).Distinct().Select(fd => (fd, fd))];
        int[] parentEnds = lifeline is { } w ? [data.WriteFd, w.WriteFd] : [data.WriteFd];
        ChildProcess child;
        try
        {
            child = ChildProcess.Start(executable, [executable, .. prefix, .. arguments], environment, [.. fds, .. passed],
                closeWhenReaped: parentEnds, onReaped: process.Target is PythonTarget ? null : LogIfSignalled);
        }
        catch
        {
            foreach (var (fd, _) in fds) Libc.close(fd);
            foreach (var fd in parentEnds) Libc.close(fd);
            throw;
        }
        foreach (var (fd, _) in fds) Libc.close(fd);
        if (process.Target is not PythonTarget) Hosting.ChildLog.Launched(child.Pid, process.Name);
        WritePayload(data.WriteFd, payload);
        return child;
    }

    // A .NET child a signal ended may never have reached its port: PYCOMPAT_CHILD_LOG says so (Hosting/ChildLog.cs).
    private static void LogIfSignalled(int pid, int exitCode)
    {
        if (exitCode < 0) Hosting.ChildLog.Signalled(pid, exitCode);
    }

    private static (string, string[], IReadOnlyList<string>, IReadOnlyList<string>) ForDotNet(DotNetTarget target) =>
        ForDotNet(target.Method.DeclaringType!.Assembly);

    private static (string, string[], IReadOnlyList<string>, IReadOnlyList<string>) ForDotNet(System.Reflection.Assembly assembly)
    {
        var worker = WorkerLocator.Locate();
        var location = assembly.Location;
        IReadOnlyList<string> assemblies = string.IsNullOrEmpty(location) ? [] : [location];
        return (worker.Executable, worker.Prefix, assemblies, NativeStringArray.CurrentEnvironment());
    }

    private static (string, string[], IReadOnlyList<string>, IReadOnlyList<string>) ForPython(PythonTarget target)
    {
        var python = PythonLocator.Executable();
        var overrides = new Dictionary<string, string?>();
        if (target.SearchPath.Count > 0)
        {
            var existing = Environment.GetEnvironmentVariable("PYTHONPATH");
            overrides["PYTHONPATH"] = string.Join(Path.PathSeparator,
                string.IsNullOrEmpty(existing) ? target.SearchPath : [.. target.SearchPath, existing]);
        }
        return (python, ["-B"], [], NativeStringArray.CurrentEnvironment(overrides));
    }

    private static void WritePayload(int fd, byte[] payload)
    {
        // A child that dies before reading gives EPIPE here (SIGPIPE is ignored in .NET): its exit code tells the story.
        try
        {
            using var stream = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: false), FileAccess.Write, 0);
            stream.Write(payload);
        }
        catch (IOException)
        {
        }
    }

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var all = new byte[a.Length + b.Length];
        a.CopyTo(all, 0);
        b.CopyTo(all, a.Length);
        return all;
    }

}
