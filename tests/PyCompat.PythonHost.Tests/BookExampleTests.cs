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
            if (File.ReadAllText(file).Contains("__main__", StringComparison.Ordinal))
                data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_book_example_prints_the_same_lines_as_python3_and_exits_0(string name)
    {
        var script = Path.Combine(Runs.BookExamples, name);
        var expected = await Runs.Python3Async(script);
        var actual = await Runs.PycompatAsync(script);
        Runs.AssertSameOutput(expected, actual);
        Assert.Equal(0, actual.ExitCode);
    }
}
