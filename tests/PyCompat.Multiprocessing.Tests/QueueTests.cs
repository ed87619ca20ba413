using Conn = PyCompat.Multiprocessing.Connection;
using PyCompat.Multiprocessing.Queues;
using PyCompat.Multiprocessing.Spawn;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// Connections and queues shared by C# and CPython processes: a C# parent's with children of both kinds, and a CPython
/// parent's (python/queue_parent.py, under each CPython found) with .NET and CPython children.
/// </summary>
public sealed class QueueTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Pythons() => Interpreters.AllExecutables();

    internal static ProcessTarget PyPort(string name) =>
        ProcessTarget.Python("queue_ports", name, Path.GetDirectoryName(Python.Script("queue_ports.py"))!);

    private static string Worker => WorkerLocator.Locate() is { Prefix.Length: 0 } w ? w.Executable
        : throw new InvalidOperationException("the tests need the pycompat-worker apphost beside them");

    internal static Task<RunResult> CpythonParent(string python, string scenario, string temp, params string[] args) =>
        ProgramRunner.RunAsync(python, [Python.Script("queue_parent.py"), Worker, scenario, temp, .. args],
            environment: new Dictionary<string, string?> { ["PYCOMPAT_TARGETS"] = typeof(QueueTargets).Assembly.Location });

    internal static void JoinAll(IEnumerable<Process> children)
    {
        foreach (var child in children)
        {
            child.Join(Patience);
            Assert.Equal(0, child.ExitCode);
        }
    }

    [Fact]
    public void A_csharp_parents_pipe_end_works_in_a_dotnet_child_as_in_a_cpython_child()
    {
        var replies = new Dictionary<bool, string>();
        foreach (var dotnet in new[] { false, true })
        {
            var (mine, theirs) = Conn.Pipe();
            using (mine)
            using (theirs)
            {
                var child = dotnet ? new Process(target: QueueTargets.Echo, args: [theirs]) : new Process(PyPort("echo"), [theirs]);
                child.Start();
                mine.Send(new List<object?> { "kind", 1, 2.5 });
                replies[dotnet] = PyRepr.Repr(mine.Recv());
                JoinAll([child]);
            }
        }
        Assert.StartsWith("('echo', ['kind'", replies[false]);
        Assert.Equal(replies[false], replies[true]);
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public async Task A_cpython_parents_pipe_end_works_in_a_dotnet_child_as_in_a_cpython_child(string python)
    {
        var result = await CpythonParent(python, "echo", _temp.Path);
        Assert.True(result.ExitCode == 0, result.StandardError);
        AssertSameReplies(result, "python ('echo', ['python'");
    }

    [Fact]
    public void A_csharp_parents_simple_queues_work_in_a_dotnet_child_as_in_a_cpython_child()
    {
        var replies = new Dictionary<bool, string>();
        foreach (var dotnet in new[] { false, true })
        {
            using var inbox = new SimpleQueue();
            using var outbox = new SimpleQueue();
            var child = dotnet
                ? new Process(target: QueueTargets.SimpleEcho, args: [inbox, outbox])
                : new Process(PyPort("simple_echo"), [inbox, outbox]);
            child.Start();
            Assert.True(inbox.Empty());
            inbox.Put(new Dictionary<string, object?> { ["k"] = new PyTuple(1, 2) });
            replies[dotnet] = PyRepr.Repr(outbox.Get());
            Assert.True(outbox.Empty());
            JoinAll([child]);
        }
        Assert.StartsWith("('echo', {'k'", replies[false]);
        Assert.Equal(replies[false], replies[true]);
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public async Task A_cpython_parents_simple_queues_work_in_a_dotnet_child_as_in_a_cpython_child(string python)
    {
        var result = await CpythonParent(python, "simple_echo", _temp.Path);
        Assert.True(result.ExitCode == 0, result.StandardError);
        AssertSameReplies(result, "python ('echo', {'python'");
    }

    /// <summary>queue_parent.py prints the .NET child's reply, then the CPython child's, each followed by its exit code:
    /// the CPython child's says what the .NET child's must be.</summary>
    private static void AssertSameReplies(RunResult result, string pythonStart)
    {
        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.Lines;
        Assert.Equal(4, lines.Count);
        Assert.StartsWith(pythonStart, lines[2]);
        Assert.Equal(lines[2].Replace("python", "dotnet", StringComparison.Ordinal), lines[0]);
        Assert.Equal(["exit codes: [0]", "exit codes: [0]"], [lines[1], lines[3]]);
    }
}
