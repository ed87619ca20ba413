using System.Text.Json;

namespace PyCompat.Golden.Tests;

/// <summary>
/// The golden tests: one case per example and mode, each running <c>pycompat check NAME --mode MODE</c> and failing
/// with its diff. Which cases exist comes from <c>pycompat check --list</c>; a mode that cannot run an example
/// (no port, command not built yet) is a skipped case that says why, never a pass.
/// </summary>
public sealed class GoldenTests
{
    public static TheoryData<string, string> Runnable => Cells(canRun: true);

    public static TheoryData<string, string> NotRunnable => Cells(canRun: false);

    [Theory]
    [MemberData(nameof(Runnable))]
    [MemberData(nameof(NotRunnable), Skip = "this mode cannot run this example here, so it is not a pass: `pycompat check --list` says why")]
    public async Task The_example_run_in_the_mode_prints_what_CPython_printed(string example, string mode)
    {
        var result = await Pycompat.RunAsync(Repository.Root, "check", example, "--mode", mode, "--json");
        using var json = JsonDocument.Parse(result.StandardOutput);
        var cell = json.RootElement.GetProperty("results").EnumerateArray().Single();

        var status = cell.GetProperty("status").GetString();
        if (status != "pass")
            Assert.Fail($"{example} x {mode} ({cell.GetProperty("command").GetString()}): {status}: {cell.GetProperty("reason").GetString()}\n{cell.GetProperty("diff").GetString()}");
        Assert.Equal(0, result.ExitCode);
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
