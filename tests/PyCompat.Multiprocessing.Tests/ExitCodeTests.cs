namespace PyCompat.Multiprocessing.Tests;

public sealed class ExitCodeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static Process Run(Delegate target, params object?[] args)
    {
        var p = new Process(target, args);
        p.Start();
        p.Join(Patience);
        return p;
    }

    [Fact]
    public void A_target_that_returns_exits_0() => Assert.Equal(0, Run(Targets.DoNothing).ExitCode);

    [Fact]
    public void SystemExit_with_a_code_becomes_the_exit_code() => Assert.Equal(3, Run(Targets.ExitWith, 3).ExitCode);

    [Fact]
    public void Environment_Exit_in_a_target_becomes_the_exit_code() => Assert.Equal(7, Run(Targets.EnvironmentExit, 7).ExitCode);

    [Fact]
    public void An_unhandled_exception_exits_1() => Assert.Equal(1, Run(Targets.Throw, "boom").ExitCode);

    [Fact]
    public void Terminate_gives_minus_15()
    {
        var p = new Process(target: Targets.SleepForever);
        p.Start();
        Assert.True(p.IsAlive);
        p.Terminate();
        p.Join(Patience);
        Assert.Equal(-15, p.ExitCode);
    }

    [Fact]
    public void Kill_gives_minus_9()
    {
        var p = new Process(target: Targets.SleepForever);
        p.Start();
        p.Kill();
        p.Join(Patience);
        Assert.Equal(-9, p.ExitCode);
    }
}
