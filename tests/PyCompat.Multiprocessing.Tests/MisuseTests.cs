using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Tests;

public sealed class MisuseTests
{
    [Fact]
    public void Starting_twice_says_cannot_start_a_process_twice()
    {
        var p = new Process(target: Targets.DoNothing);
        p.Start();
        var error = Assert.Throws<InvalidOperationException>(p.Start);
        Assert.Equal("cannot start a process twice", error.Message);
        p.Join();
    }

    [Fact]
    public void Joining_before_start_says_can_only_join_a_started_process()
    {
        var p = new Process(target: Targets.DoNothing);
        var error = Assert.Throws<InvalidOperationException>(() => p.Join());
        Assert.Equal("can only join a started process", error.Message);
    }

    [Fact]
    public void Setting_daemon_after_start_says_process_has_already_started()
    {
        var p = new Process(target: Targets.DoNothing);
        p.Start();
        var error = Assert.Throws<InvalidOperationException>(() => p.Daemon = true);
        Assert.Equal("process has already started", error.Message);
        p.Join();
    }

    [Fact]
    public void Closing_a_running_process_is_refused_and_a_closed_one_refuses_everything()
    {
        var p = new Process(target: Targets.Sleep, args: [300]);
        p.Start();
        Assert.Throws<InvalidOperationException>(p.Close);
        p.Join();
        p.Close();
        var error = Assert.Throws<InvalidOperationException>(() => p.ExitCode);
        Assert.Equal("process object is closed", error.Message);
    }

    [Fact]
    public void A_lambda_that_captures_state_is_refused_at_construction_saying_why()
    {
        var captured = 42;
        var error = Assert.Throws<ArgumentException>(() => new Process(target: () => Console.WriteLine(captured)));
        Assert.Contains("Can't pickle local object", error.Message);
        Assert.Contains("captures state", error.Message);
    }

    [Fact]
    public void An_argument_that_cannot_pickle_fails_in_the_parent_at_Start_naming_it_and_its_type()
    {
        using var stream = new MemoryStream();
        var p = new Process(target: Targets.WriteText, args: ["unused", stream]);
        var error = Assert.Throws<PicklingError>(p.Start);
        Assert.Contains("argument 2", error.Message);
        Assert.Contains("System.IO.MemoryStream", error.Message);
        Assert.Null(p.Pid);
        Assert.False(p.IsAlive);
    }
}
