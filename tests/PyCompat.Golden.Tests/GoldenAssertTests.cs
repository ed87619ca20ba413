using PyCompat.Golden.Assertions;
using PyCompat.Golden.Running;

namespace PyCompat.Golden.Tests;

/// <summary>
/// The test-suite API over a book script: CPython runs the script during the test, the port is <c>pycompat port NAME</c>
/// built beside the tests, and the policy is the script's section of pyexamples/golden/policies.txt.
/// </summary>
public sealed class GoldenAssertTests
{
    private static string Script(string name) => Path.Combine(Repository.Examples, name + ".py");

    private static CommandSpec PortOf(string name) => PortCommand.Dll(Repository.Pycompat + ".dll", "port", name);

    [Fact]
    public async Task A_port_that_prints_what_CPython_prints_passes_and_ran_in_dotnet_children()
    {
        await GoldenAssert.PortPrintsWhatCPythonPrintsAsync(Script("multiprocessing_simpleargs"), PortOf("multiprocessing_simpleargs"),
            new GoldenOptions { RequireDotnetChildren = true });
    }

    [Fact]
    public async Task A_port_that_prints_something_else_fails_with_the_unified_diff()
    {
        // multiprocessing_simple's port prints "Worker" five times; multiprocessing_simpleargs.py prints "Worker: 0".."Worker: 4".
        var failure = await Assert.ThrowsAsync<GoldenMismatchException>(() =>
            GoldenAssert.PortPrintsWhatCPythonPrintsAsync(Script("multiprocessing_simpleargs"), PortOf("multiprocessing_simple")));

        Assert.Contains("the port prints something else than CPython under order = multiset", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith("--- CPython: CPython 3.", failure.Diff, StringComparison.Ordinal);
        Assert.Contains("\n-| Worker: 0", failure.Diff, StringComparison.Ordinal);
        Assert.Contains("\n+| Worker", failure.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_golden_is_written_on_update_and_then_compared_without_running_CPython()
    {
        using var copy = Repository.CopyExamples();
        var script = Path.Combine(copy.Examples, "multiprocessing_simpleargs.py");
        var golden = Path.Combine(copy.Examples, "golden", "multiprocessing_simpleargs.txt");
        File.Delete(golden);
        var port = PortOf("multiprocessing_simpleargs");

        await GoldenAssert.PortPrintsWhatCPythonPrintsAsync(script, port, new GoldenOptions { Reference = GoldenReference.RecordedGolden, Update = true });
        Assert.True(File.Exists(golden));
        // A golden that says something else now fails the port: the comparison reads the file, not CPython.
        File.WriteAllText(golden, File.ReadAllText(golden).Replace("| Worker: 3\n", "| Worker: 7\n", StringComparison.Ordinal));
        var failure = await Assert.ThrowsAsync<GoldenMismatchException>(() => GoldenAssert.PortPrintsWhatCPythonPrintsAsync(script, port,
            new GoldenOptions { Reference = GoldenReference.RecordedGolden, Update = false }));
        Assert.Contains("-| Worker: 7", failure.Diff, StringComparison.Ordinal);
    }
}
