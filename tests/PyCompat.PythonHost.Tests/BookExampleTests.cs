using PyCompat.PythonHost.Tests.Support;

namespace PyCompat.PythonHost.Tests;

/// <summary>The acceptance bar: every runnable script in pyexamples/ prints what python3 prints, exit 0.</summary>
public sealed class BookExampleTests
{
    /// <summary>The runnable book scripts (a module that only defines a worker is imported, not run).</summary>
    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Runs.BookExamples, "*.py").Order(StringComparer.Ordinal))
            // multiprocessing_wordcount.py reads *.rst from the working directory, which these runs do not set; the
            // golden tests run it (embedded too) from pyexamples/, as the book does.
            if (File.ReadAllText(file).Contains("__main__", StringComparison.Ordinal) && !file.EndsWith("multiprocessing_wordcount.py", StringComparison.Ordinal))
                data.Add(Path.GetFileName(file));
        return data;
    }

    // The chapter's scripts race (pids, which worker took a task...): both runs are compared under the script's own
    // policy from pyexamples/golden/policies.txt, the one `pycompat check` uses.
    private static readonly Lazy<Task<Golden.Modes.Tools>> Tools = new(() => Golden.Modes.Tools.FindAsync("python3"));

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_book_example_prints_the_same_lines_as_python3_and_exits_0(string name)
    {
        var script = Path.Combine(Runs.BookExamples, name);
        var expected = await Runs.Python3Async(script);
        var actual = await Runs.PycompatAsync(script);
        var policy = Golden.Checking.ExampleSet.Load(PyCompat.Testing.Repo.PyExamples).Policy(Path.GetFileNameWithoutExtension(name))
            with { Cpus = (await Tools.Value).Cpus };
        var comparison = Golden.Outputs.OutputComparer.Compare(
            new Golden.Outputs.ProgramOutput(expected.ExitCode, expected.StandardOutput, expected.StandardError),
            new Golden.Outputs.ProgramOutput(actual.ExitCode, actual.StandardOutput, actual.StandardError), policy, "python3", "pycompat run");
        Assert.True(comparison.Matches, $"differs under {policy.Describe()}:\n{comparison.Diff}");
        Assert.Equal(0, actual.ExitCode);
    }
}
