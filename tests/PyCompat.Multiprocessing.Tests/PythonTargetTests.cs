using System.Numerics;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>A C# Process whose target is a Python function runs in a real CPython child started by the spawn protocol.</summary>
public sealed class PythonTargetTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static ProcessTarget PyPort(string name) => ProcessTarget.Python("pyports", name, Path.GetDirectoryName(Python.Script("pyports.py"))!);

    private static Process RunToEnd(ProcessTarget target, object?[]? args = null, IReadOnlyDictionary<string, object?>? kwargs = null)
    {
        var p = new Process(target, args, kwargs);
        p.Start();
        p.Join(Patience);
        return p;
    }

    [Fact]
    public void A_python_target_runs_in_cpython()
    {
        var path = _temp.File("runtime");
        var p = RunToEnd(PyPort("report_runtime"), [path]);
        Assert.Equal(0, p.ExitCode);
        Assert.Equal($"python {p.Pid}", File.ReadAllText(path));
    }

    [Fact]
    public void Arguments_pickled_by_csharp_arrive_in_python_as_the_equal_values()
    {
        var path = _temp.File("equal");
        const string literal = "((1, -7, 2**70, -2**64, 1.5, float('inf'), -0.0, 'héllo ✓', b'\\x00\\xff', bytearray(b'ab'), None, True, " +
            "(1, (2, [3, {'k': (4,)}])), {1, 2}, frozenset({'a'})), " +
            "{'when': __import__('datetime').datetime(2024, 2, 29, 13, 14, 15, 123456), 'price': __import__('decimal').Decimal('19.99')})";
        object?[] args =
        [
            path, literal,
            1, -7, BigInteger.Pow(2, 70), -BigInteger.Pow(2, 64), 1.5, double.PositiveInfinity, -0.0, "héllo ✓",
            new byte[] { 0, 255 }, new PyByteArray("ab"u8.ToArray()), null, true,
            new PyTuple(1, new PyTuple(2, new List<object?> { 3, new Dictionary<string, object?> { ["k"] = new PyTuple(4) } })),
            new HashSet<object?> { 1, 2 }, new PyFrozenSet(["a"]),
        ];
        var kwargs = new Dictionary<string, object?>
        {
            ["when"] = new DateTime(2024, 2, 29, 13, 14, 15).AddTicks(1234560),
            ["price"] = 19.99m,
        };
        var p = RunToEnd(PyPort("check_equal"), args, kwargs);
        Assert.Equal(0, p.ExitCode);
        var lines = File.ReadAllText(path).Split('\n', 2);
        Assert.True(lines[0] == "True", "Python received: " + lines[1]);
    }

    [Fact]
    public void Exit_codes_of_a_python_child_are_cpythons()
    {
        Assert.Equal(3, RunToEnd(PyPort("exit_with"), [3]).ExitCode);
        Assert.Equal(1, RunToEnd(PyPort("raise_error"), ["boom"]).ExitCode);
        var sleeper = new Process(PyPort("sleep_forever"));
        sleeper.Start();
        Assert.True(sleeper.IsAlive);
        sleeper.Terminate();
        sleeper.Join(Patience);
        Assert.Equal(-15, sleeper.ExitCode);
    }

    [Fact]
    public async Task The_books_python_worker_started_from_csharp_prints_Worker()
    {
        // The C# parent runs inside a worker host whose output the test captures; its child is CPython.
        var result = await WorkerFeed.RunAsync(ReverseTargets.RunBooksPythonWorker, [Python.PyExamples]);
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("Worker\n", result.StandardOutput);
    }
}
