using System.Text.Json;
using PyCompat.Golden.Checking;
using PyCompat.PythonHost.Mapping;

namespace PyCompat.Golden.Tests;

/// <summary>
/// The golden tests: one case per example and mode, each failing with its diff. The cells run once, all together,
/// in one <c>pycompat check --json</c> (two runs at a time, as the check does by default: about a minute for the
/// chapter here instead of several one by one), and each case asserts its own cell of that report. Which cases exist comes from <c>pycompat check --list</c>. A mode that cannot run an
/// example is not skipped: it is its own case, which asserts that the attributes say so (no <c>[PyTarget]</c> for the
/// script's modules, no <c>[PyExample]</c>, a named no-transcript book exception) and that the check reports n/a,
/// never a pass. Nothing here is skipped, so CI sees every cell (see .ci/run).
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string, string> Runnable => Cells(canRun: true);

    public static TheoryData<string, string> NotRunnable => Cells(canRun: false);

    private static readonly Lazy<Task<(int ExitCode, JsonElement Results)>> WholeCheck = new(async () =>
    {
        var result = await Pycompat.RunAsync(Repository.Root, "check", "--json");
        using var json = JsonDocument.Parse(result.StandardOutput);
        return (result.ExitCode, json.RootElement.GetProperty("results").Clone());
    });

    private static async Task<JsonElement> CellAsync(string example, string mode)
    {
        var (_, results) = await WholeCheck.Value;
        return results.EnumerateArray().Single(r => r.GetProperty("example").GetString() == example && r.GetProperty("mode").GetString() == mode);
    }

    [Theory]
    [MemberData(nameof(Runnable))]
    public async Task The_example_run_in_the_mode_prints_what_CPython_printed(string example, string mode)
    {
        var cell = await CellAsync(example, mode);

        var status = cell.GetProperty("status").GetString();
        if (status != "pass")
            Assert.Fail($"{example} x {mode} ({cell.GetProperty("command").GetString()}): {status}: {cell.GetProperty("reason").GetString()}\n{cell.GetProperty("diff").GetString()}");
        if (mode is "mapped" or "port")
            Assert.Matches(@"^[1-9]\d* process(es)? (ran|started) in \.NET", cell.GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(NotRunnable))]
    public async Task A_mode_that_cannot_run_the_example_is_reported_as_n_a_because_the_attributes_say_so(string example, string mode)
    {
        Assert.False(AttributesAllow(example, mode), $"{example} x {mode}: the attributes say it can run, but `pycompat check --list` says it cannot");

        var cell = await CellAsync(example, mode);
        Assert.Equal("n/a", cell.GetProperty("status").GetString());
        Assert.NotEqual("pass", cell.GetProperty("label").GetString());
    }

    [Fact]
    public async Task The_whole_check_exits_0_when_no_cell_fails()
    {
        var (exitCode, results) = await WholeCheck.Value;
        Assert.Equal(results.EnumerateArray().Any(r => r.GetProperty("status").GetString() == "fail") ? 1 : 0, exitCode);
        Assert.Equal(Cells(canRun: true).Count() + Cells(canRun: false).Count(), results.GetArrayLength());
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
    // the checker: [PyTarget] ports of the book's port assemblies for the script's modules (mapped), [PyExample]
    // (port), a transcript or a no-transcript exception (book); python3 and embedded always run.
    private static bool AttributesAllow(string example, string mode)
    {
        var examples = ExampleSet.Load(Repository.Examples);
        return mode switch
        {
            "mapped" => PyCompat.Examples.ExampleCatalog.PortAssemblies.SelectMany(a => PortScanner.Scan(a.Location))
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
