using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>
/// The book's basics scripts (daemons, joins, exit codes, names, logging, a subclass, terminate), each run three ways:
/// python3 (the reference, run here), <c>pycompat run --map</c> and <c>pycompat port</c>. Both must print what python3
/// prints, on stdout and stderr, and the processes that have ports must have run in .NET (the worker host's own log
/// names each one). Under <c>--strict</c> a process routed to CPython would stop the run, so none was.
/// </summary>
[Collection(Alone.Name)]
public sealed class BasicsExampleTests
{
    /// <summary>
    /// Each script with the ports its children must run, and those that may not get that far: a child terminated at
    /// once (as the scripts do) may die before the worker has read its pickles, as a CPython child dies before run().
    /// </summary>
    public static TheoryData<string, string[], string[]> Scripts() => new()
    {
        { "multiprocessing_daemon", ["daemon", "non_daemon"], [] },
        { "multiprocessing_daemon_join", ["daemon", "non_daemon"], [] },
        { "multiprocessing_daemon_join_timeout", ["daemon", "non_daemon"], [] },
        { "multiprocessing_exitcode", ["exit_error", "exit_ok", "raises", "return_value"], ["terminated"] },
        { "multiprocessing_get_logger", ["worker"], [] },
        { "multiprocessing_log_to_stderr", ["worker"], [] },
        { "multiprocessing_names", ["my_service", "worker", "worker"], [] },
        { "multiprocessing_subclass", ["Worker", "Worker", "Worker", "Worker", "Worker"], [] },
        { "multiprocessing_terminate", [], ["slow_worker"] },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Mapped_the_script_prints_what_python3_prints_and_its_ported_children_ran_in_dotnet(
        string name, string[] ported, string[] mayNotStart)
    {
        using var children = new ChildLog();
        var script = Path.Combine(Run.BookExamples, name + ".py");

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--strict"], script, environment: children.Environment);

        BookOutput.AssertSame(expected, actual);
        AssertRanInDotNet(name, ported, mayNotStart, children, actual);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task The_csharp_port_prints_what_python3_prints_and_its_children_ran_in_dotnet(
        string name, string[] ported, string[] mayNotStart)
    {
        using var children = new ChildLog();

        var expected = await Run.Python3Async(Path.Combine(Run.BookExamples, name + ".py"));
        var actual = await Run.ProgramAsync(Run.Pycompat, ["port", name], children.Environment);

        BookOutput.AssertSame(expected, actual);
        AssertRanInDotNet(name, ported, mayNotStart, children, actual);
    }

    private static void AssertRanInDotNet(string module, string[] ported, string[] mayNotStart, ChildLog children, RunResult run)
    {
        var ran = children.Ports.ToList();
        foreach (var port in ported.Select(p => $"{module}.{p}"))
            Assert.True(ran.Remove(port), $"{port} did not run in .NET; the .NET children ran: {string.Join(", ", children.Ports)}\n{run}");
        Assert.All(ran, port => Assert.Contains(port, mayNotStart.Select(p => $"{module}.{p}")));
    }
}
