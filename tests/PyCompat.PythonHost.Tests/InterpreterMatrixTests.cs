using PyCompat.PythonHost.Tests.Support;

namespace PyCompat.PythonHost.Tests;

/// <summary>Every CPython 3.9+ with a shared libpython found on this machine runs the team's scripts as itself would.</summary>
public sealed class InterpreterMatrixTests
{
    /// <summary>Each interpreter found, with every multiprocessing script of the parity tests and a traceback.</summary>
    public static TheoryData<string, string> InterpretersAndScripts()
    {
        var data = new TheoryData<string, string>();
        foreach (var install in Interpreters.All)
        foreach (var name in ScriptParityTests.Scripts().Cast<object[]>().Select(row => (string)row[0]).Append("raises.py"))
            data.Add(install.Executable, name);
        return data;
    }

    [Fact]
    public void At_least_the_default_python3_is_among_the_interpreters_found()
    {
        Assert.Contains(Interpreters.All, install => install.Executable == Interpreters.Default.Executable);
    }

    [Theory]
    [MemberData(nameof(InterpretersAndScripts))]
    public async Task Each_interpreter_found_runs_the_scripts_as_it_does_itself(string python, string name)
    {
        var script = Path.Combine(Runs.Scripts, name);
        var expected = await Runs.Python3Async(script, python: python);
        var actual = await Runs.PycompatAsync(script, runOptions: ["--python", python]);
        Runs.AssertSameOutput(expected, actual);
    }

    [FactNeedingInterpreters(1)]
    public async Task A_libpython_named_in_PYTHONNET_PYDLL_is_run_with_its_own_interpreter()
    {
        var install = Interpreters.All[^1];
        var script = Path.Combine(Runs.Scripts, "exits.py");
        var actual = await Runs.PycompatAsync(script, ["5"], environment: new Dictionary<string, string?>
        {
            ["PYCOMPAT_PYTHON"] = null,
            ["PYTHONNET_PYDLL"] = install.Library,
        });
        Assert.Equal(5, actual.ExitCode);
        Assert.Equal("exiting with 5", actual.StandardOutput.Trim());
    }
}
