namespace PyCompat.Multiprocessing.Tests;

/// <summary>Counting this process's fds needs no other test opening files meanwhile.</summary>
[CollectionDefinition(nameof(ManyProcessesTests), DisableParallelization = true)]
public sealed class NotInParallel;

[Collection(nameof(ManyProcessesTests))]
public sealed class ManyProcessesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>This process's open fds, each with what it refers to (pipe:[...], socket:[...], a path).</summary>
    private static Dictionary<string, string> OpenFileDescriptors() =>
        Directory.GetFiles("/proc/self/fd").Select(fd => (fd, Target: Target(fd))).Where(e => e.Target is not null)
            .ToDictionary(e => Path.GetFileName(e.fd), e => e.Target!);

    private static string? Target(string fd)
    {
        try
        {
            return new FileInfo(fd).LinkTarget ?? "?";
        }
        catch (IOException)
        {
            return null; // closed meanwhile
        }
    }

    [Fact]
    public void Fifty_processes_started_at_once_all_finish_and_leak_no_file_descriptor()
    {
        // Warm up once so lazily opened runtime fds are not counted as a leak.
        var warm = new Process(target: Targets.DoNothing);
        warm.Start();
        warm.Join();
        var before = OpenFileDescriptors();

        var processes = Enumerable.Range(0, 50)
            .Select(i => new Process(target: Targets.WriteText, args: [_temp.File($"out{i}"), i.ToString()]))
            .ToList();
        processes.ForEach(p => p.Start());
        processes.ForEach(p => p.Join(TimeSpan.FromSeconds(120)));

        Assert.All(processes, p => Assert.Equal(0, p.ExitCode));
        Assert.All(processes, p => Assert.False(p.IsAlive));
        Assert.Empty(Process.ActiveChildren().Intersect(processes));
        for (var i = 0; i < 50; i++)
            Assert.Equal(i.ToString(), File.ReadAllText(_temp.File($"out{i}")));
        // The runtime may close an fd of its own meanwhile, and work an earlier test left (a proxy's release on a
        // thread-pool thread, say) may hold one for a moment: a leak is an fd that is still open after a while.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var after = OpenFileDescriptors();
        while (after.Count > before.Count && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            Thread.Sleep(200);
            after = OpenFileDescriptors();
        }
        var extra = after.Where(e => !before.TryGetValue(e.Key, out var was) || was != e.Value).Select(e => $"{e.Key} -> {e.Value}");
        Assert.True(after.Count <= before.Count,
            $"{after.Count - before.Count} file descriptors more than before; new or changed: {string.Join(", ", extra)}");
    }

    [Fact]
    public void When_a_target_returns_its_daemon_children_are_terminated_and_the_others_joined()
    {
        var daemonPidFile = _temp.File("daemon.pid");
        var lateFile = _temp.File("late");
        var parent = new Process(target: Targets.StartChildrenAndReturn, args: [daemonPidFile, lateFile]);
        parent.Start();
        parent.Join(TimeSpan.FromSeconds(60));

        Assert.Equal(0, parent.ExitCode);
        Assert.Equal("late", File.ReadAllText(lateFile));
        var daemonPid = int.Parse(File.ReadAllText(daemonPidFile));
        Assert.False(Directory.Exists($"/proc/{daemonPid}") && !IsZombie(daemonPid), $"daemon {daemonPid} outlived its parent");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] == "Z";
        }
        catch (IOException)
        {
            return true;
        }
    }
}
