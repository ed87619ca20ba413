using PyCompat.Golden.Running;

namespace PyCompat.Golden.Tests;

public sealed class ProcessRunnerTests
{
    private static CommandSpec Shell(string script) => new("/bin/sh", ["-c", script], "sh -c " + script);

    [Fact]
    public async Task Stdout_stderr_and_the_exit_code_are_kept_apart_and_include_what_children_print()
    {
        var result = await ProcessRunner.RunAsync(Shell("echo parent; sh -c 'echo child; echo child-error >&2'; exit 3"), Path.GetTempPath(), TimeSpan.FromSeconds(30));
        Assert.Equal(new Outputs.ProgramOutput(3, "parent\nchild\n", "child-error\n"), result.Output);
        Assert.False(result.TimedOut);
    }

    [Fact]
    public async Task PYTHONUNBUFFERED_is_removed_from_the_environment_of_a_run()
    {
        Environment.SetEnvironmentVariable("PYTHONUNBUFFERED", "1");
        var result = await ProcessRunner.RunAsync(Shell("echo \"${PYTHONUNBUFFERED-removed}\""), Path.GetTempPath(), TimeSpan.FromSeconds(30));
        Assert.Equal("removed\n", result.Output.Stdout);
    }

    [Fact]
    public async Task A_run_ends_when_the_program_exits_even_while_a_grandchild_still_holds_its_stdout()
    {
        var result = await ProcessRunner.RunAsync(Shell("sleep 40 & echo started"), Path.GetTempPath(), TimeSpan.FromSeconds(60));
        Assert.Equal("started\n", result.Output.Stdout);
        // Not a speed check: waiting for the grandchild would take its 40 s; the margin is for a loaded machine.
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(30), $"took {result.Elapsed}: the run waited for the grandchild");
    }

    [Fact]
    public async Task A_run_past_its_timeout_is_killed_and_reported_as_timed_out()
    {
        var result = await ProcessRunner.RunAsync(Shell("echo before; sleep 60"), Path.GetTempPath(), TimeSpan.FromMilliseconds(500));
        Assert.True(result.TimedOut);
        Assert.Equal("before\n", result.Output.Stdout);
        // Not a speed check: not killed, the run would last the sleep's 60 s.
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(40), $"took {result.Elapsed}: the program was not killed at its timeout");
    }
}
