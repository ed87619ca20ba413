using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>The Python side cannot tell a .NET child from a Python one, and the child sees what a Python child sees.
/// Alone: the script's join timeouts and late prints race the children's start-up, which other tests' load can delay.</summary>
[Collection(Alone.Name)]
public sealed class BehaviourTests
{
    [Fact]
    public async Task Pid_exitcode_is_alive_join_terminate_name_daemon_and_exit_time_joins_behave_as_with_a_python_child()
    {
        using var reference = new WorkerLaunches();
        using var mapped = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, "mapped_behaviour.py");

        var expected = await Run.Python3Async(script, reference.Folder);
        var actual = await Run.PycompatAsync(["--map", "--targets", Run.TestTargets], script, [mapped.Folder], mapped.Environment);

        Run.AssertSameLines(expected, actual);
        Assert.Equal(0, actual.ExitCode);
        Assert.Contains("child's name: Identity-7", actual.Lines);
        Assert.Contains("after terminate: -15 False", actual.Lines);
        Assert.Contains("printed late, joined at exit", actual.Lines);
        // Nine processes, all of them .NET children.
        Assert.Equal(9, mapped.Pids.Count);
        foreach (var run in new[] { expected, actual })
        {
            Assert.Contains("Process Failing:\nTraceback (most recent call last):\n", run.StandardError);
            Assert.EndsWith("\nValueError: boom\n", run.StandardError);
        }
    }

    [Fact]
    public async Task Inside_the_csharp_target_name_pid_and_parent_pid_are_what_a_python_child_sees_and_the_executable_is_the_worker_host()
    {
        using var temp = new WorkerLaunches();
        var script = Path.Combine(Run.Scripts, "mapped_behaviour.py");

        var actual = await Run.PycompatAsync(["--map", "--targets", Run.TestTargets], script, [temp.Folder]);

        Assert.True(actual.ExitCode == 0, actual.ToString());
        Assert.Contains("child's pid is p.pid: True", actual.Lines);
        Assert.Contains("child's os.getppid() is the parent's pid: True", actual.Lines);
        Assert.Contains("child's parent_process().pid is the parent's pid: True", actual.Lines);
        Assert.Contains("child's parent_process().name: MainProcess", actual.Lines);
        Assert.Contains("child's daemon: True", actual.Lines);
        // The port wrote Environment.ProcessPath: the worker host found beside pycompat, not an interpreter.
        Assert.Equal(Run.Worker, File.ReadAllText(Path.Combine(temp.Folder, "identity.exe")));
    }
}
