namespace PyCompat.Multiprocessing.Tests;

public sealed class ProcessLifecycleTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_target_runs_in_another_os_process_with_its_pickled_arguments()
    {
        var path = _temp.File("sum");
        var p = new Process(target: Targets.Sum, args: [path, 1, 5_000_000_000L, 0.5]);
        p.Start();
        p.Join(Patience);
        Assert.Equal(0, p.ExitCode);
        Assert.Equal("5000000001.5", File.ReadAllText(path));
        Assert.NotEqual(Environment.ProcessId, p.Pid);
    }

    [Fact]
    public void Keyword_arguments_bind_by_parameter_name_and_defaults_fill_the_rest()
    {
        var path = _temp.File("greet");
        var p = new Process(target: Targets.Greet, args: [path], kwargs: new Dictionary<string, object?> { ["name"] = "Doug" });
        p.Start();
        p.Join(Patience);
        Assert.Equal(0, p.ExitCode);
        Assert.Equal("hello, Doug", File.ReadAllText(path));
    }

    [Fact]
    public void An_overloaded_target_runs_the_overload_the_parent_chose()
    {
        var one = _temp.File("one");
        var two = _temp.File("two");
        var first = new Process(target: (Action<string>)Targets.Overloaded, args: [one]);
        var second = new Process(target: (Action<string, int>)Targets.Overloaded, args: [two, 2]);
        first.Start();
        second.Start();
        first.Join(Patience);
        second.Join(Patience);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal("one argument", File.ReadAllText(one));
        Assert.Equal("two arguments, 2", File.ReadAllText(two));
    }

    [Fact]
    public void The_child_knows_its_name_pid_and_parent()
    {
        var path = _temp.File("identity");
        var p = new Process(target: Targets.WriteOwnIdentity, args: [path], name: "custom-name");
        p.Start();
        p.Join(Patience);
        var fields = File.ReadAllText(path).Split('|');
        Assert.Equal("custom-name", fields[0]);
        Assert.Equal(p.Pid.ToString(), fields[1]);
        Assert.Equal(p.Pid.ToString(), fields[2]);
        Assert.Equal(Environment.ProcessId.ToString(), fields[3]);
        Assert.Equal("MainProcess", fields[4]);
    }

    [Fact]
    public void Default_names_count_up_and_nested_children_are_named_after_their_parent()
    {
        var first = new Process(target: Targets.DoNothing);
        var second = new Process(target: Targets.StartGrandchild, args: [_temp.File("grandchild")]);
        var firstNumber = int.Parse(first.Name["Process-".Length..]);
        var secondNumber = int.Parse(second.Name["Process-".Length..]);
        Assert.Matches("^Process-[0-9]+$", first.Name);
        Assert.True(secondNumber > firstNumber, $"{second.Name} should come after {first.Name}");

        second.Start();
        second.Join(Patience);
        Assert.Equal(0, second.ExitCode);
        var fields = File.ReadAllText(_temp.File("grandchild")).Split('|');
        Assert.Equal($"{second.Name}:1", fields[0]);
        Assert.Equal(second.Name, fields[4]);
        Assert.Equal(second.Pid.ToString(), fields[3]);
    }

    [Fact]
    public void The_current_process_of_a_parent_is_MainProcess()
    {
        Assert.Equal("MainProcess", Process.CurrentProcess().Name);
        Assert.Equal(Environment.ProcessId, Process.CurrentProcess().Pid);
        Assert.True(Process.CurrentProcess().IsAlive);
        Assert.Null(Process.ParentProcess());
    }

    [Fact]
    public void ExitCode_is_null_while_running_and_IsAlive_follows_the_child()
    {
        var p = new Process(target: Targets.Sleep, args: [500]);
        Assert.Null(p.ExitCode);
        Assert.False(p.IsAlive);
        p.Start();
        Assert.True(p.IsAlive);
        Assert.Null(p.ExitCode);
        p.Join(TimeSpan.FromMilliseconds(10));
        Assert.True(p.IsAlive);
        p.Join(Patience);
        Assert.False(p.IsAlive);
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void The_sentinel_is_signalled_when_the_child_ends()
    {
        var p = new Process(target: Targets.Sleep, args: [100]);
        p.Start();
        Assert.True(p.Sentinel.WaitOne(Patience));
        Assert.Equal(0, p.ExitCode);
    }
}
