using PyCompat.Multiprocessing.Synchronize;
using Barrier = PyCompat.Multiprocessing.Synchronize.Barrier;
using Lock = PyCompat.Multiprocessing.Synchronize.Lock;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>A C# parent that creates semaphores and shared memory, shares them with a CPython and a .NET daemon child,
/// and waits to be killed.</summary>
public static class TrackerTargets
{
    public static void ShareThenHang(string folder)
    {
        var @lock = new Lock();
        var @event = new Event();
        var barrier = new Barrier(3);
        var children = new[]
        {
            new Process(SyncPorts.Target("lock_then_wait"),
                [barrier, Path.Combine(folder, "python-lock")], daemon: true),
            new Process(target: BarrierTargets.BarrierWait, args: [barrier, Path.Combine(folder, "dotnet"), null], daemon: true),
        };
        foreach (var child in children) child.Start();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (barrier.NWaiting < 2 && DateTime.UtcNow < deadline) Thread.Sleep(10);
        File.WriteAllLines(Path.Combine(folder, "names"),
            [@lock.Name, .. @event.SemaphoreNames, .. barrier.SemaphoreNames, File.ReadAllText(Path.Combine(folder, "python-lock"))]);
        File.WriteAllText(Path.Combine(folder, "ready"), Environment.ProcessId.ToString());
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Creates and uses a few objects, one shared with a CPython child, and exits normally.</summary>
    public static void CreateAndExit(string folder)
    {
        using var @lock = new Lock();
        using var barrier = new Barrier(2);
        var child = new Process(SyncPorts.Target("barrier_wait"),
            [barrier, Path.Combine(folder, "python"), null]);
        child.Start();
        barrier.Wait(TimeSpan.FromSeconds(120));
        child.Join();
        File.WriteAllLines(Path.Combine(folder, "names"), [@lock.Name, .. barrier.SemaphoreNames]);
    }

    /// <summary>The port of sync_ports.create_and_vanish: a semaphore, then SIGKILL before it is unlinked.</summary>
    [PyTarget("sync_ports", "create_and_vanish")]
    public static void CreateAndVanish(string path)
    {
        var @lock = new Lock();
        File.WriteAllText(path, @lock.Name);
        Posix.Libc.kill(Environment.ProcessId, Posix.Libc.SIGKILL);
        Thread.Sleep(Timeout.Infinite);
    }

    /// <summary>Creates a lock (so its tracker runs), then starts a .NET and a CPython child that each create a
    /// semaphore and die by SIGKILL; exits normally, leaving their names to its tracker.</summary>
    public static void StartVanishingChildren(string folder)
    {
        using var @lock = new Lock();
        var children = new[]
        {
            new Process(target: CreateAndVanish, args: [Path.Combine(folder, "dotnet")]),
            new Process(SyncPorts.Target("create_and_vanish"), [Path.Combine(folder, "python")]),
        };
        foreach (var child in children) child.Start();
        foreach (var child in children) child.Join();
        File.WriteAllLines(Path.Combine(folder, "exit codes"), children.Select(c => c.ExitCode.ToString()!));
    }
}
