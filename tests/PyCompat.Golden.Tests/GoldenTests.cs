using System.Text.Json;
using PyCompat.Golden.Checking;
using PyCompat.PythonHost.Mapping;

namespace PyCompat.Golden.Tests;

/// <summary>
/// The golden tests: one case per example and mode, each running <c>pycompat check NAME --mode MODE</c> once and
/// failing with its diff. Which cases exist comes from <c>pycompat check --list</c>. A mode that cannot run an
/// example is not skipped: it is its own case, which asserts that the attributes say so (no <c>[PyTarget]</c> for the
/// script's modules, no <c>[PyExample]</c>, a named no-transcript book exception) and that the check reports n/a,
/// never a pass. Nothing here is skipped, so CI sees every cell (see .ci/run).
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string, string> Runnable => Cells(canRun: true);

    public static TheoryData<string, string> NotRunnable => Cells(canRun: false);

    [Theory]
    [MemberData(nameof(Runnable))]
    public async Task The_example_run_in_the_mode_prints_what_CPython_printed(string example, string mode)
    {
        var result = await Pycompat.RunAsync(Repository.Root, "check", example, "--mode", mode, "--json");
        using var json = JsonDocument.Parse(result.StandardOutput);
        var cell = json.RootElement.GetProperty("results").EnumerateArray().Single();

        var status = cell.GetProperty("status").GetString();
        if (status != "pass")
            Assert.Fail($"{example} x {mode} ({cell.GetProperty("command").GetString()}): {status}: {cell.GetProperty("reason").GetString()}\n{cell.GetProperty("diff").GetString()}");
        Assert.Equal(0, result.ExitCode);
        if (mode is "mapped" or "port")
            Assert.Matches(@"^[1-9]\d* process(es)? ran in \.NET", cell.GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(NotRunnable))]
    public async Task A_mode_that_cannot_run_the_example_is_reported_as_n_a_because_the_attributes_say_so(string example, string mode)
    {
        Assert.False(AttributesAllow(example, mode), $"{example} x {mode}: the attributes say it can run, but `pycompat check --list` says it cannot");

        var result = await Pycompat.RunAsync(Repository.Root, "check", example, "--mode", mode, "--json");
        using var json = JsonDocument.Parse(result.StandardOutput);
        var cell = json.RootElement.GetProperty("results").EnumerateArray().Single();
        Assert.Equal("n/a", cell.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("summary").GetProperty("passed").GetInt32());
    }

    [Fact]
    public void Every_cell_the_attributes_allow_is_run_and_every_other_is_n_a()
    {
        var expected = Cells(canRun: true).Select(row => ((string)row[0], (string)row[1])).ToHashSet();
        var examples = ExampleSet.Load(Repository.Examples);
        foreach (var example in examples.Names.Where(n => examples.Policy(n).Runs))
            foreach (var mode in (string[])["python3", "embedded", "mapped", "port", "book"])
                Assert.True(AttributesAllow(example, mode) == expected.Contains((example, mode)),
                    $"{example} x {mode}: the attributes say {(AttributesAllow(example, mode) ? "runnable" : "n/a")}, `check --list` says otherwise");
    }

    // What the cell's availability must be, worked out here from the attributes and the exceptions file, not from
    // the checker: [PyTarget] ports of the worker host's assemblies for the script's modules (mapped), [PyExample]
    // (port), a transcript or a no-transcript exception (book); python3 and embedded always run.
    private static bool AttributesAllow(string example, string mode)
    {
        var examples = ExampleSet.Load(Repository.Examples);
        return mode switch
        {
            "mapped" => PyCompat.Worker.BuiltInPorts.Assemblies.SelectMany(a => PortScanner.Scan(a.Location))
                .Any(p => examples.ModulesOf(example).Contains(p.Module)),
            "port" => PyCompat.Examples.ExampleCatalog.Names.Contains(example),
            "book" => !examples.BookExceptionsOf(example).Any(e => e.Kind == "no-transcript"),
            _ => true,
        };
    }

    private static TheoryData<string, string> Cells(bool canRun)
    {
        var list = Pycompat.RunAsync(Repository.Root, "check", "--list", "--json").GetAwaiter().GetResult();
        if (list.ExitCode != 0)
            throw new InvalidOperationException($"pycompat check --list failed: {list.StandardError}");
        using var json = JsonDocument.Parse(list.StandardOutput);
        var data = new TheoryData<string, string>();
        foreach (var cell in json.RootElement.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("canRun").GetBoolean() == canRun))
            data.Add(cell.GetProperty("example").GetString()!, cell.GetProperty("mode").GetString()!);
        return data;
    }
}
