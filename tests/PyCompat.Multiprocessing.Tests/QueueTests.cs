using Conn = PyCompat.Multiprocessing.Connection;
using PyCompat.Multiprocessing.Queues;
using Queue = PyCompat.Multiprocessing.Queues.Queue;
using PyCompat.Multiprocessing.Spawn;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// Connections and queues shared by C# and CPython processes: a C# parent's with children of both kinds, and a CPython
/// parent's (python/queue_parent.py, under each CPython found) with .NET and CPython children.
/// </summary>
public sealed class QueueTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Pythons() => Interpreters.AllExecutables();

    internal static ProcessTarget PyPort(string name) =>
        ProcessTarget.Python("queue_ports", name, Path.GetDirectoryName(Python.Script("queue_ports.py"))!);

    internal static Task<RunResult> CpythonParent(string python, string scenario, string temp, params string[] args) =>
        ProgramRunner.RunAsync(python, [Python.Script("queue_parent.py"), Children.Worker, scenario, temp, .. args],
            environment: new Dictionary<string, string?> { ["PYCOMPAT_TARGETS"] = typeof(QueueTargets).Assembly.Location });

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
                Children.JoinAll([child]);
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
            Children.JoinAll([child]);
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

    private static List<int> ReadItems(IEnumerable<string> paths) =>
        [.. paths.Where(File.Exists).SelectMany(File.ReadLines).Select(int.Parse)];

    [Fact]
    public void A_million_items_from_producers_of_both_kinds_reach_consumers_of_both_kinds_each_exactly_once()
    {
        const int perProducer = 250_000, batch = 500;
        using var q = new Queue(maxSize: 64);
        var consumers = new List<Process>();
        var paths = new Dictionary<string, List<string>> { ["dotnet"] = [], ["python"] = [] };
        for (var i = 0; i < 4; i++)
        {
            var dotnet = i % 2 == 0;
            var path = _temp.File($"consumer-{i}");
            paths[dotnet ? "dotnet" : "python"].Add(path);
            consumers.Add(dotnet ? new Process(target: QueueTargets.Consume, args: [q, path]) : new Process(PyPort("consume"), [q, path]));
        }
        var producers = Enumerable.Range(0, 4).Select(i => i % 2 == 0
            ? new Process(target: QueueTargets.Produce, args: [q, i * perProducer, perProducer, batch])
            : new Process(PyPort("produce"), [q, i * perProducer, perProducer, batch])).ToList();
        foreach (var child in consumers.Concat(producers)) child.Start();
        Children.JoinAll(producers);
        foreach (var _ in consumers) q.Put(null);
        Children.JoinAll(consumers);

        var items = ReadItems(paths.Values.SelectMany(p => p));
        Assert.Equal(4 * perProducer, items.Count);
        Assert.Equal(Enumerable.Range(0, 4 * perProducer), items.Order());
        Assert.NotEmpty(ReadItems(paths["dotnet"]));
        Assert.NotEmpty(ReadItems(paths["python"]));
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public async Task A_cpython_parents_queue_carries_items_from_producers_of_both_kinds_to_consumers_of_both_kinds_each_once(string python)
    {
        // The million runs under the default CPython; the other versions prove the same with fewer items.
        var perProducer = python == Interpreters.Default.Executable ? 250_000 : 5_000;
        var result = await CpythonParent(python, "mixed", _temp.Path, $"{perProducer}", "500");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(["exit codes: [0, 0, 0, 0]", "exit codes: [0, 0, 0, 0]",
            $"items: {4 * perProducer} distinct: {4 * perProducer} all: True",
            "dotnet consumers got some: True", "python consumers got some: True"], result.Lines);
    }

    [Fact]
    public void Join_of_a_joinable_queue_returns_only_after_every_task_done_of_children_of_both_kinds()
    {
        const int tasks = 40;
        using var q = new JoinableQueue();
        string[] paths = [_temp.File("tasks-dotnet"), _temp.File("tasks-python")];
        List<Process> children = [new(target: QueueTargets.DoTasks, args: [q, paths[0]]), new(PyPort("do_tasks"), [q, paths[1]])];
        foreach (var child in children) child.Start();
        for (var i = 0; i < tasks; i++) q.Put(i);
        foreach (var _ in children) q.Put(null);
        q.Join();
        var done = ReadItems(paths);
        Assert.Equal(Enumerable.Range(0, tasks), done.Order());
        Children.JoinAll(children);
        Assert.Throws<InvalidOperationException>(q.TaskDone);
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public async Task Join_of_a_cpython_parents_joinable_queue_waits_for_the_task_done_of_dotnet_children_too(string python)
    {
        var result = await CpythonParent(python, "joinable", _temp.Path, "40");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(["done when join returned: 40 distinct: 40", "exit codes: [0, 0]"], result.Lines);
    }

    [Fact]
    public void Timeouts_raise_empty_and_full_in_a_dotnet_child_as_in_a_cpython_child()
    {
        foreach (var kind in new[] { "python", "dotnet" })
        {
            using var q = new Queue(maxSize: 1);
            var path = _temp.File("timeouts-" + kind);
            var child = kind == "dotnet" ? new Process(target: QueueTargets.TryTimeouts, args: [q, path]) : new Process(PyPort("try_timeouts"), [q, path]);
            child.Start();
            Children.JoinAll([child]);
        }
        Assert.StartsWith("Empty Empty Full", File.ReadAllText(_temp.File("timeouts-python")));
        Assert.Equal(File.ReadAllText(_temp.File("timeouts-python")), File.ReadAllText(_temp.File("timeouts-dotnet")));
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public async Task Timeouts_of_a_cpython_parents_queue_raise_empty_and_full_in_a_dotnet_child_as_in_a_cpython_child(string python)
    {
        var result = await CpythonParent(python, "timeouts", _temp.Path);
        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.Lines;
        Assert.Equal(["exit codes: [0]", "exit codes: [0]"], [lines[0], lines[2]]);
        Assert.StartsWith("python Empty Empty Full", lines[3]);
        Assert.Equal(lines[3]["python".Length..], lines[1]["dotnet".Length..]);
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
