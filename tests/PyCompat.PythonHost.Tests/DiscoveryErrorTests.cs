using PyCompat.PythonHost.Tests.Support;

namespace PyCompat.PythonHost.Tests;

/// <summary>Without a usable CPython, one line says what was found and what to pass instead.</summary>
public sealed class DiscoveryErrorTests
{
    private static readonly string Script = Path.Combine(Runs.Scripts, "exits.py");

    [Fact]
    public async Task A_python_option_that_does_not_exist_gives_a_one_line_error_naming_it()
    {
        var actual = await Runs.PycompatAsync("x.py", runOptions: ["--python", "/nonexistent"]);
        AssertOneLineError(actual, "--python /nonexistent: no such file");
    }

    [Fact]
    public async Task No_python3_on_PATH_gives_a_one_line_error_saying_what_to_pass()
    {
        var emptyFolder = Directory.CreateTempSubdirectory("pycompat-no-python").FullName;
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var actual = await Runs.PycompatAsync(Script, ["0"], environment: new Dictionary<string, string?>
        {
            ["PATH"] = emptyFolder,
            ["DOTNET_ROOT"] = dotnetRoot,
            ["PYCOMPAT_PYTHON"] = null,
            ["PYTHONNET_PYDLL"] = null,
        });
        AssertOneLineError(actual, "no python3 on PATH");
    }

    [FactNeedingInterpreters(2)] // a library and another install's interpreter
    public async Task A_libpython_whose_interpreter_has_another_library_is_refused_as_a_mismatch()
    {
        var (library, other) = (Interpreters.All[0], Interpreters.All[^1]);
        var fake = Directory.CreateTempSubdirectory("pycompat-mismatch").FullName;
        Directory.CreateDirectory(Path.Combine(fake, "lib"));
        Directory.CreateDirectory(Path.Combine(fake, "bin"));
        var libraryLink = Path.Combine(fake, "lib", Path.GetFileName(library.Library));
        File.CreateSymbolicLink(libraryLink, library.Library);
        File.CreateSymbolicLink(Path.Combine(fake, "bin", $"python{library.Version.Major}.{library.Version.Minor}"), other.Executable);

        var actual = await Runs.PycompatAsync(Script, ["0"], runOptions: ["--python", libraryLink]);
        AssertOneLineError(actual, "does not match");
        Assert.Contains(other.Executable, actual.StandardError);
    }

    [Fact]
    public async Task An_unknown_start_method_is_refused_before_python_starts()
    {
        var actual = await Runs.PycompatAsync(Script, ["0"], runOptions: ["--start-method", "teleport"]);
        AssertOneLineError(actual, "teleport");
    }

    private static void AssertOneLineError(RunResult actual, string expected)
    {
        Assert.True(actual.ExitCode == 2, actual.ToString());
        Assert.Equal("", actual.StandardOutput);
        var lines = actual.StandardError.Trim().Split('\n');
        Assert.True(lines.Length == 1, actual.ToString());
        Assert.Contains(expected, lines[0]);
        Assert.StartsWith("pycompat run: ", lines[0]);
    }
}
