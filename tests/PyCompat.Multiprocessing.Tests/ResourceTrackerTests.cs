using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;
using PyCompat.Multiprocessing.Posix;
using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// The resource tracker a C# parent starts: killed by SIGKILL, the parent leaves nothing in /dev/shm, neither its own
/// semaphores nor those its CPython child registered there, and the tracker says so in CPython's words.
/// </summary>
public sealed partial class ResourceTrackerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static bool InDevShm(string name) => File.Exists("/dev/shm/sem." + name.TrimStart('/'));

    [GeneratedRegex("resource_tracker: There appear to be .* at shutdown")]
    private static partial Regex LeakWarning();

    [Fact]
    public async Task A_csharp_parent_killed_by_sigkill_leaves_no_semaphore_of_its_own_or_of_its_cpython_child_in_dev_shm()
    {
        var parent = new Process(TrackerTargets.ShareThenHang, [_temp.Path]);
        byte[] request = [.. ProcessObjectWriter.PreparationData(parent, [typeof(TrackerTargets).Assembly.Location]),
            .. ProcessObjectWriter.ProcessObject(parent, new Reduction.SpawningPopen())];
        var worker = WorkerLocator.Locate();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var run = Cli.Wrap(worker.Executable)
            .WithArguments([.. worker.Prefix, .. SpawnCommandLine.Arguments(0)])
            .WithStandardInputPipe(PipeSource.FromBytes(request))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(guard.Token);
        var ready = _temp.File("ready");
        while (!File.Exists(ready) && !run.Task.IsCompleted) await Task.Delay(20);
        Assert.True(File.Exists(ready), "the C# parent did not get ready: " + (run.Task.IsCompleted ? (await run).StandardError : ""));
        var names = File.ReadAllLines(_temp.File("names"));
        Assert.Equal(11, names.Length); // a Lock, an Event's five, a Barrier's four, the CPython child's Lock
        Assert.All(names, name => Assert.True(InDevShm(name), $"{name} should exist while the parent runs"));

        Assert.Equal(0, Libc.kill(run.ProcessId, Libc.SIGKILL));
        // The command ends once the tracker, which shares its stderr, has cleaned up and exited.
        var result = await run;

        Assert.Equal(-Libc.SIGKILL, result.ExitCode > 128 ? -(result.ExitCode - 128) : result.ExitCode);
        Assert.All(names, name => Assert.False(InDevShm(name), $"{name} is still in /dev/shm\n{result.StandardError}"));
        Assert.Empty(Directory.GetFiles("/dev/shm", $"pym-{run.ProcessId}-*"));

        var reference = await Python.RunAsync(["-c", $"import sys; sys.path.insert(0, {Quote(SyncPorts.Folder)}); "
            + $"import sync_ports; sync_ports.leak_and_die({names.Length})"]);
        var expected = LeakWarning().Match(reference.StandardError);
        Assert.True(expected.Success, reference.StandardError);
        Assert.Equal([expected.Value], LeakWarning().Matches(result.StandardError).Select(m => m.Value));
    }

    [Fact]
    public async Task A_normal_exit_unregisters_everything_so_the_tracker_warns_of_nothing()
    {
        var result = await WorkerFeed.RunAsync(TrackerTargets.CreateAndExit, [_temp.Path]);
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("resource_tracker", result.StandardError);
        var names = File.ReadAllLines(_temp.File("names"));
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.False(InDevShm(name)));
    }

    [Fact]
    public async Task A_dotnet_child_of_a_cpython_parent_registers_with_the_parents_tracker_as_a_cpython_child_does()
    {
        var result = await Python.RunAsync([Python.Script("sync_parent.py"), Children.Worker, "vanish", _temp.Path],
            new Dictionary<string, string?> { ["PYCOMPAT_TARGETS"] = typeof(TrackerTargets).Assembly.Location });
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 3, result.ToString());
        Assert.Equal("exit codes: [-9, -9]", lines[0]);
        // Both names outlived their children; the parent's tracker removed them once the parent ended, and said so.
        Assert.EndsWith("in /dev/shm: True", lines[1]);
        Assert.EndsWith("in /dev/shm: True", lines[2]);
        Assert.All(lines[1..], line => Assert.False(InDevShm(line.Split(' ')[1]), result.ToString()));
        Assert.Equal(["resource_tracker: There appear to be 2 leaked semaphore objects to clean up at shutdown"],
            LeakWarning().Matches(result.StandardError).Select(m => m.Value));
    }

    [Fact]
    public async Task Dotnet_and_cpython_children_of_a_csharp_parent_register_with_its_tracker()
    {
        var result = await WorkerFeed.RunAsync(TrackerTargets.StartVanishingChildren, [_temp.Path]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(["-9", "-9"], File.ReadAllLines(_temp.File("exit codes")));
        var names = new[] { File.ReadAllText(_temp.File("dotnet")), File.ReadAllText(_temp.File("python")) };
        Assert.All(names, name => Assert.False(InDevShm(name), $"{name} is still in /dev/shm\n{result.StandardError}"));
        var reference = await Python.RunAsync(["-c", $"import sys; sys.path.insert(0, {Quote(SyncPorts.Folder)}); "
            + "import sync_ports; sync_ports.leak_and_die(2)"]);
        Assert.Equal([LeakWarning().Match(reference.StandardError).Value],
            LeakWarning().Matches(result.StandardError).Select(m => m.Value));
    }

    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
