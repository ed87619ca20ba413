using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>The acceptance bar: every runnable script in pyexamples/ prints under --map what python3 prints, and its
/// targets ran in the .NET worker host.</summary>
public sealed class BookExampleTests
{
    /// <summary>
    /// The runnable book scripts whose targets have a C# port (a module that only defines a worker is imported, not
    /// run): the script's own module or one it imports has a [PyTarget] in the worker host's built-in assemblies.
    /// The chapter's other scripts are n/a in mapped mode (pycompat check says so) until their targets are ported.
    /// </summary>
    public static TheoryData<string> Examples()
    {
        var ported = PyCompat.Worker.BuiltInPorts.Assemblies.SelectMany(a => PyCompat.PythonHost.Mapping.PortScanner.Scan(a.Location))
            .Select(p => p.Module).ToHashSet(StringComparer.Ordinal);
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Run.BookExamples, "*.py").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var modules = System.Text.RegularExpressions.Regex.Matches(text, @"(?m)^\s*(?:import|from)\s+(\w+)").Select(m => m.Groups[1].Value)
                .Append(Path.GetFileNameWithoutExtension(file));
            if (text.Contains("__main__", StringComparison.Ordinal) && modules.Any(ported.Contains))
                data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_book_example_prints_the_same_lines_as_python3_and_every_child_is_the_worker_host(string name)
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.BookExamples, name);

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map"], script, environment: launches.Environment);

        Run.AssertSameLines(expected, actual);
        Assert.Equal(0, actual.ExitCode);
        Assert.True(actual.StandardError == "", actual.ToString());
        // Each of the book's children prints one line and its parent prints none: one line, one .NET child.
        Assert.NotEmpty(launches.Pids);
        Assert.Equal(expected.Lines.Count, launches.Pids.Count);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Without_map_the_same_script_starts_no_worker_host(string name)
    {
        using var launches = new WorkerLaunches();

        var actual = await Run.PycompatAsync([], Path.Combine(Run.BookExamples, name), environment: launches.Environment);

        Assert.True(actual.ExitCode == 0, actual.ToString());
        Assert.Empty(launches.Pids);
    }
}
