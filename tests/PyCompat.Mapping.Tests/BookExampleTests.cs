using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>The book's first three scripts print under --map what python3 prints, and their targets ran in the .NET
/// worker host; the other basics scripts are in <see cref="BasicsExampleTests"/>.</summary>
[Collection(Alone.Name)]
public sealed class BookExampleTests
{
    /// <summary>The scripts whose every child prints one line and whose parent prints none.</summary>
    public static TheoryData<string> Examples() =>
        ["multiprocessing_import_main.py", "multiprocessing_simple.py", "multiprocessing_simpleargs.py"];

    /// <summary>The runnable book scripts (a module that only defines a worker is imported, not run).</summary>
    public static TheoryData<string> AllExamples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Run.BookExamples, "*.py").Order(StringComparer.Ordinal))
            if (File.ReadAllText(file).Contains("__main__", StringComparison.Ordinal))
                data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_book_example_prints_the_same_lines_as_python3_and_every_child_is_the_worker_host(string name)
    {
        using var launches = new WorkerLaunches(captureOutput: true);
        var script = Path.Combine(Run.BookExamples, name);

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map"], script, environment: launches.Environment);

        Run.AssertSameLines(expected, actual);
        Assert.Equal(0, actual.ExitCode);
        Assert.True(actual.StandardError == "", actual.ToString());
        // Every child python3 forks is a .NET child here.
        Assert.NotEmpty(launches.Pids);
        Assert.Equal(await Forks.CountAsync(script), launches.Pids.Count);
        // And the C# port printed them: each launch got CPython's spawn command line (not a command the worker hands
        // to python3), and the lines python3's children print are exactly those the worker processes wrote.
        foreach (var pid in launches.Pids)
            Assert.Contains(launches.ArgumentsOf(pid), argument => argument.Contains("spawn_main(", StringComparison.Ordinal));
        Assert.Equal(Output.Multiset(expected.StandardOutput), Output.Multiset(string.Concat(launches.Pids.Select(launches.OutputOf))));
    }

    [Theory]
    [MemberData(nameof(AllExamples))]
    public async Task Without_map_the_same_script_starts_no_worker_host(string name)
    {
        using var launches = new WorkerLaunches();

        // From the scripts' own folder, as pycompat check runs them: multiprocessing_wordcount.py reads ./*.rst.
        var actual = await ProgramRunner.RunAsync(Run.Pycompat, ["run", Path.Combine(Run.BookExamples, name)],
            environment: launches.Environment, workingDirectory: Run.BookExamples);

        Assert.True(actual.ExitCode == 0, actual.ToString());
        Assert.Empty(launches.Pids);
    }
}
