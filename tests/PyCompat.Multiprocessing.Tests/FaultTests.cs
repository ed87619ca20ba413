namespace PyCompat.Multiprocessing.Tests;

/// <summary>Crashing children and dying parents: CPython's exit codes and stderr, nothing left behind.</summary>
public sealed class FaultTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string PyPortsFolder => Path.GetDirectoryName(Python.Script("pyports.py"))!;

    [Fact]
    public async Task A_throwing_csharp_child_prints_Process_name_and_a_traceback_on_stderr()
    {
        var result = await WorkerFeed.RunAsync(FaultTargets.StartThrowingChild, []);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Process Thrower:\nTraceback (most recent call last):\n", result.StandardError);
        Assert.EndsWith("RuntimeError: boom\n", result.StandardError);
    }

    [Fact]
    public async Task A_raising_python_child_prints_cpythons_own_traceback_on_stderr()
    {
        var result = await WorkerFeed.RunAsync(FaultTargets.StartRaisingPythonChild, [PyPortsFolder]);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Process PyRaiser:\nTraceback (most recent call last):\n", result.StandardError);
        Assert.Contains("raise ValueError(message)", result.StandardError);
        Assert.EndsWith("ValueError: boom\n", result.StandardError);
    }

    [Fact]
    public void Os_exit_in_a_python_child_is_its_exit_code()
    {
        var p = new Process(ProcessTarget.Python("pyports", "os_exit", PyPortsFolder), [5]);
        p.Start();
        p.Join(Patience);
        Assert.Equal(5, p.ExitCode);
    }

    [Theory]
    [InlineData("exit")]
    [InlineData("kill")]
    [InlineData("terminate")]
    public void Every_ended_child_is_reaped_so_no_zombie_remains(string ending)
    {
        var p = ending == "exit" ? new Process(target: Targets.DoNothing) : new Process(target: Targets.SleepForever);
        p.Start();
        if (ending == "kill") p.Kill();
        if (ending == "terminate") p.Terminate();
        p.Join(Patience);
        Assert.NotNull(p.ExitCode);
        Assert.False(Directory.Exists($"/proc/{p.Pid}"), $"process {p.Pid} is still in the process table");
    }

    [Fact]
    public async Task When_a_parent_is_killed_its_daemon_child_dies_and_its_other_child_finishes()
    {
        var pids = _temp.File("pids");
        var survivor = _temp.File("survivor");
        var parent = new Process(target: FaultTargets.StartChildrenThenHang, args: [pids, survivor]);
        parent.Start();
        await Until(() => File.Exists(pids));
        var (daemonPid, survivorPid) = File.ReadAllText(pids).Split(' ') is [var d, var s] ? (int.Parse(d), int.Parse(s)) : default;

        parent.Kill();
        parent.Join(Patience);

        Assert.Equal(-9, parent.ExitCode);
        await Until(() => !IsRunning(daemonPid));
        await Until(() => File.Exists(survivor));
        Assert.Equal("finished", File.ReadAllText(survivor));
        await Until(() => !IsRunning(survivorPid));
    }

    [Fact]
    public async Task When_a_parent_is_killed_its_daemon_cpython_child_dies_too()
    {
        var pidFile = _temp.File("pid");
        var parent = new Process(target: FaultTargets.StartPythonDaemonThenHang, args: [pidFile, PyPortsFolder]);
        parent.Start();
        await Until(() => File.Exists(pidFile));
        var daemonPid = int.Parse(File.ReadAllText(pidFile));
        Assert.True(IsRunning(daemonPid));

        parent.Kill();
        parent.Join(Patience);

        await Until(() => !IsRunning(daemonPid));
    }

    [Fact]
    public void A_daemon_cpython_child_of_a_living_parent_runs_until_it_is_terminated()
    {
        var daemon = new Process(ProcessTarget.Python("pyports", "sleep_forever", PyPortsFolder), daemon: true);
        daemon.Start();
        daemon.Join(TimeSpan.FromMilliseconds(500));
        Assert.True(daemon.IsAlive);
        daemon.Terminate();
        daemon.Join(Patience);
        Assert.Equal(-15, daemon.ExitCode);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Polls for a condition with a generous bound: a guard against hanging, not a timing assertion.</summary>
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within a minute");
            await Task.Delay(20);
        }
    }
}
