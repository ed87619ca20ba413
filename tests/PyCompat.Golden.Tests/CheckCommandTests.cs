using System.Text.Json;

namespace PyCompat.Golden.Tests;

internal static class ExampleSetNames
{
    public static IReadOnlyList<string> Runnable()
    {
        var examples = PyCompat.Golden.Checking.ExampleSet.Load(Repository.Examples);
        return [.. examples.Names.Where(n => examples.Policy(n).Runs)];
    }
}

/// <summary>The real <c>pycompat check</c>, run as a program on scratch copies of the examples.</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public async Task Check_update_on_an_unchanged_tree_changes_no_file()
    {
        using var copy = Repository.CopyExamples();
        var before = copy.Snapshot();
        var goldens = Directory.GetFiles(Path.Combine(copy.Examples, "golden"));
        var written = goldens.Select(File.GetLastWriteTimeUtc).ToList();

        var result = await Pycompat.RunAsync(copy.Root, "check", "--update");

        Assert.Equal(0, result.ExitCode);
        var runnable = ExampleSetNames.Runnable();
        var unchanged = result.StandardOutput.Split('\n').Count(l => l.StartsWith("unchanged  golden/", StringComparison.Ordinal));
        Assert.True(runnable.Count == unchanged, $"{unchanged} of {runnable.Count} goldens unchanged:\n{result.StandardOutput}");
        var after = copy.Snapshot();
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        Assert.All(before, file => Assert.True(file.Value.SequenceEqual(after[file.Key]), $"{file.Key} changed"));
        Assert.Equal(written, goldens.Select(File.GetLastWriteTimeUtc));
    }

    [Fact]
    public async Task Check_update_records_a_stale_golden_again_from_CPython_and_shows_what_changed()
    {
        using var copy = Repository.CopyExamples();
        var golden = Path.Combine(copy.Examples, "golden", "multiprocessing_simpleargs.txt");
        var recorded = File.ReadAllText(golden);
        File.WriteAllText(golden, recorded.Replace("| Worker: 3\n", "| Worker: 7\n", StringComparison.Ordinal));

        var result = await Pycompat.RunAsync(copy.Root, "check", "--update", "multiprocessing_simpleargs");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("changed    golden/multiprocessing_simpleargs.txt", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("-| Worker: 7", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("+| Worker: 3", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(recorded, File.ReadAllText(golden));
    }

    [Fact]
    public async Task A_script_edited_to_print_Worker_9_fails_the_check_with_a_diff_that_points_at_that_line()
    {
        using var copy = Repository.CopyExamples();
        var script = Path.Combine(copy.Examples, "multiprocessing_simpleargs.py");
        File.WriteAllText(script, File.ReadAllText(script).Replace("print(\"Worker:\", num)", "print(\"Worker:\", 9 if num == 3 else num)", StringComparison.Ordinal));

        var result = await Pycompat.RunAsync(copy.Root, "check", "multiprocessing_simpleargs", "--mode", "python3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL multiprocessing_simpleargs x python3", result.StandardOutput, StringComparison.Ordinal);
        var changed = result.StandardOutput.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("-|", StringComparison.Ordinal) || l.StartsWith("+|", StringComparison.Ordinal));
        Assert.Equal(["-| Worker: 3", "+| Worker: 9"], changed);
        Assert.Equal("| Worker: 3", GoldenLineOfFirstRemoval(result.StandardOutput, Path.Combine(copy.Examples, "golden", "multiprocessing_simpleargs.txt")));
    }

    // The hunk header's "-N" counts lines of the golden file itself, so the removed line can be found there.
    private static string GoldenLineOfFirstRemoval(string report, string golden)
    {
        var lines = report.Split('\n').Select(l => l.TrimStart()).SkipWhile(l => !l.StartsWith("@@ -", StringComparison.Ordinal)).ToList();
        var line = int.Parse(lines[0]["@@ -".Length..].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
        foreach (var diffLine in lines.Skip(1).TakeWhile(l => !l.StartsWith('-')))
            if (!diffLine.StartsWith('+'))
                line++;
        return File.ReadAllLines(golden)[line - 1];
    }

    [Fact]
    public async Task A_mode_that_cannot_run_is_reported_as_such_and_not_counted_as_a_pass()
    {
        using var copy = Repository.CopyExamples();
        File.WriteAllText(Path.Combine(copy.Examples, "hello_only.py"), "print('hello')\n");
        File.AppendAllText(Path.Combine(copy.Examples, "golden", "policies.txt"), "\n[hello_only]  # a test-only script with no C# port\norder = exact\nnormalise = none\n");
        Assert.Equal(0, (await Pycompat.RunAsync(copy.Root, "check", "--update", "hello_only")).ExitCode);

        var result = await Pycompat.RunAsync(copy.Root, "check", "hello_only", "--mode", "python3,port", "--json");
        var strict = await Pycompat.RunAsync(copy.Root, "check", "hello_only", "--mode", "port", "--strict");

        using var json = JsonDocument.Parse(result.StandardOutput);
        var port = json.RootElement.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("mode").GetString() == "port");
        Assert.Equal("n/a", port.GetProperty("status").GetString());
        Assert.Equal("no port", port.GetProperty("label").GetString());
        Assert.Contains("has no [PyExample(\"NAME\")] C# port of the script", port.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("passed").GetInt32());
        Assert.Equal(1, summary.GetProperty("notApplicable").GetInt32());
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, strict.ExitCode);
        Assert.Contains("0 passed, 0 failed, 1 could not run (not counted as passes)", strict.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_prints_a_table_of_every_example_and_mode_with_the_verdict_and_time()
    {
        string[] names = ["multiprocessing_simple", "multiprocessing_simpleargs", "multiprocessing_import_main", "multiprocessing_import_worker"];
        var result = await Pycompat.RunAsync(Repository.Root, ["check", .. names, "--mode", "python3,book"]);

        Assert.Equal(0, result.ExitCode);
        var table = result.StandardOutput.Split('\n');
        Assert.Contains(table, l => l.Contains("example", StringComparison.Ordinal) && l.Contains("python3", StringComparison.Ordinal) && l.Contains("book", StringComparison.Ordinal));
        foreach (var name in (string[])["multiprocessing_simple", "multiprocessing_simpleargs", "multiprocessing_import_main"])
            Assert.Contains(table, l => l.Contains(name + " ", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.Matches(l, @"pass \d+\.\d\d s").Count == 2);
        Assert.Contains("multiprocessing_import_worker: a module, not run", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("6 checks: 6 passed, 0 failed, 0 could not run", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("check: multiprocessing_simple x python3: pass", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_check_lists_all_26_examples_of_the_chapter()
    {
        var result = await Pycompat.RunAsync(Repository.Root, "check", "--list", "--json");
        using var json = JsonDocument.Parse(result.StandardOutput);
        var listed = json.RootElement.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("example").GetString()).Distinct().ToList();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(25, listed.Count);
        Assert.Equal(26, Directory.GetFiles(Repository.Examples, "multiprocessing_*.py").Length);
        Assert.DoesNotContain("multiprocessing_import_worker", listed);
    }

    [Fact]
    public async Task An_unknown_example_or_mode_is_a_usage_error_that_names_the_choices()
    {
        var example = await Pycompat.RunAsync(Repository.Root, "check", "no_such_example");
        var mode = await Pycompat.RunAsync(Repository.Root, "check", "--mode", "telepathy");

        Assert.Equal(2, example.ExitCode);
        Assert.Contains("multiprocessing_import_main, multiprocessing_import_worker", example.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, mode.ExitCode);
        Assert.Contains("the modes are python3, embedded, mapped, port, book", mode.StandardError, StringComparison.Ordinal);
    }
}
