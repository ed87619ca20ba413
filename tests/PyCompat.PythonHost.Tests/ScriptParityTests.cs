using PyCompat.PythonHost.Tests.Support;

namespace PyCompat.PythonHost.Tests;

/// <summary>The team's own scripts print under <c>pycompat run</c> what they print under python3.</summary>
public sealed class ScriptParityTests
{
    /// <summary>Scripts under tests/.../scripts that run without arguments.</summary>
    public static TheoryData<string> Scripts() =>
    [
        "mp_queues.py", "mp_pipe.py", "mp_pool.py", "mp_sync.py", "mp_manager.py", "mp_logging.py",
        "mp_daemon_timeout.py", "mp_terminate.py", "mp_exitcodes.py", "mp_subclass.py", "imports_sibling.py",
    ];

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Each_script_prints_the_same_lines_and_exit_code_as_python3(string name)
    {
        var script = Path.Combine(Runs.Scripts, name);
        var expected = await Runs.Python3Async(script);
        var actual = await Runs.PycompatAsync(script);
        Runs.AssertSameOutput(expected, actual);
    }

    /// <summary>Scripts whose output does not depend on the start method, run under the other two.</summary>
    public static TheoryData<string, string> ScriptsUnderOtherStartMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { "spawn", "forkserver" })
        foreach (var name in new[] { "mp_queues.py", "mp_pool.py", "mp_manager.py", "mp_terminate.py", "mp_exitcodes.py", "imports_sibling.py" })
            data.Add(method, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ScriptsUnderOtherStartMethods))]
    public async Task The_start_method_option_runs_the_same_scripts_with_the_same_output(string method, string name)
    {
        var script = Path.Combine(Runs.Scripts, name);
        var expected = await Runs.Python3Async(script);
        var actual = await Runs.PycompatAsync(script, runOptions: ["--start-method", method]);
        Runs.AssertSameOutput(expected, actual);
    }

    [Fact]
    public async Task Arguments_that_look_like_options_and_stdin_reach_the_script_untouched()
    {
        var script = Path.Combine(Runs.Scripts, "args_and_stdin.py");
        // An @file argument is the script's, even when the file exists: no response-file expansion.
        var atFile = Path.GetTempFileName();
        File.WriteAllText(atFile, "expanded\n");
        string[] args = ["--help", "-h", "--python", "x", "--start-method", "--", "plain", "@" + atFile];
        const string stdin = "first line\nsecond line\n";
        var expected = await Runs.Python3Async(script, args, stdin: stdin);
        var actual = await Runs.PycompatAsync(script, args, stdin: stdin);
        File.Delete(atFile);
        Runs.AssertSameOutput(expected, actual);
        Assert.Contains("stdin: second line", actual.StandardOutput);
        Assert.Contains("@" + atFile, actual.StandardOutput);
    }

    [Fact]
    public async Task Empty_non_ASCII_multi_line_and_length_colon_looking_arguments_reach_the_script_as_python3_passes_them()
    {
        // The runner hands the arguments to Python as length-prefixed fields (Running/FieldList.cs): these are the
        // arguments such an encoding could get wrong.
        var script = Path.Combine(Runs.Scripts, "args_and_stdin.py");
        string[] args = ["", "3:abc", "12:", ":", "two\nlines", "grüße 😀", "  spaced  ", "0:"];
        var expected = await Runs.Python3Async(script, args);
        var actual = await Runs.PycompatAsync(script, args);
        Runs.AssertSameOutput(expected, actual);
        Assert.Contains("grüße 😀", actual.StandardOutput);
    }

    [Fact]
    public async Task A_script_run_from_another_folder_still_imports_its_sibling_module()
    {
        var script = Path.Combine(Runs.Scripts, "imports_sibling.py");
        var actual = await ProgramRunner.RunAsync(Runs.Pycompat, ["run", script], workingDirectory: Path.GetTempPath());
        Assert.Equal(0, actual.ExitCode);
        Assert.Equal(3, Output.Multiset(actual.StandardOutput).Count(line => line.StartsWith("sibling worker", StringComparison.Ordinal)));
    }
}
