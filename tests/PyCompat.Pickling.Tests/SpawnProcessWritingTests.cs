using PyCompat.Pickling.Tests.Infrastructure;

namespace PyCompat.Pickling.Tests;

/// <summary>A .NET parent's process object, as CPython's spawn child would unpickle it (docs/pitfalls.md, "A .NET parent's process object").</summary>
public sealed class SpawnProcessWritingFixture
{
    public static PyObject SpawnProcess(string target) => new(
        new PyGlobal("multiprocessing.context", "SpawnProcess"),
        PyTuple.Empty,
        new PyDict
        {
            ["_target"] = new PyGlobal("os", target),
            ["_args"] = new PyTuple("/"),
            ["_kwargs"] = new PyDict(),
            ["_name"] = "Process-1",
            ["_parent_name"] = "MainProcess",
            ["_parent_pid"] = 1,
        });

    public static readonly LoadCase[] Cases =
    [
        new("type", SpawnProcess("getcwd"), "'SpawnProcess'", "type(v).__name__"),
        new("name", SpawnProcess("getcwd"), "'Process-1'", "v.name"),
        new("target", SpawnProcess("listdir"), "True", "v._target is __import__('os').listdir"),
        new("args", SpawnProcess("getcwd"), "('/',)", "v._args"),
        new("start_method", SpawnProcess("getcwd"), "'spawn'", "v._start_method"),
        new("protocol5", SpawnProcess("getcwd"), "'Process-1'", "v.name", Protocol: 5),
    ];

    public IReadOnlyDictionary<string, LoadAnswer> Answers { get; } = CpythonLoads.Run(Cases);
}

public sealed class SpawnProcessWritingTests(SpawnProcessWritingFixture fixture) : IClassFixture<SpawnProcessWritingFixture>
{
    public static TheoryData<string> Ids => new(SpawnProcessWritingFixture.Cases.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void A_SpawnProcess_PyObject_written_by_dotnet_loads_in_cpython_as_a_SpawnProcess(string id)
    {
        var answer = fixture.Answers[id];

        Assert.Null(answer.Error);
        Assert.Equal(answer.Expected, answer.Repr);
    }
}
