using PyCompat.Bridge.Tests.Support;

namespace PyCompat.Bridge.Tests;

/// <summary><c>pycompat run --engine pythonnet</c>, run as a child process and compared with python3 on the same interpreter.</summary>
public sealed class PythonnetEngineTests
{
    private static string Script(string name) => Programs.Here("scripts", name);

    private static Task<RunResult> PythonnetAsync(string script, params string[] args) =>
        Programs.PycompatAsync(["run", "--engine", "pythonnet", script, .. args]);

    [Theory]
    [InlineData("multiprocessing_simple.py")]
    [InlineData("multiprocessing_simpleargs.py")]
    [InlineData("multiprocessing_import_main.py")]
    public async Task A_book_example_prints_what_python3_prints(string example)
    {
        var script = Programs.Here("pyexamples", example);

        Programs.AssertSameOutput(await Programs.Python3Async(script), await PythonnetAsync(script));
    }

    [Fact]
    public async Task A_script_calls_a_csharp_port_in_process_through_clr_and_its_forkserver_children_run_python()
    {
        var expected = await Programs.Python3Async(Script("clr_port_and_children.py"), "--python-only");
        var actual = await PythonnetAsync(Script("clr_port_and_children.py"));

        // python3 uses its own default start method; the pythonnet engine makes forkserver the default.
        Assert.Contains("start method: forkserver", actual.StandardError);
        static RunResult WithoutStartMethod(RunResult run) => run with
        {
            StandardError = string.Join('\n', run.StandardError.Split('\n').Where(l => !l.StartsWith("start method:", StringComparison.Ordinal))),
        };
        Programs.AssertSameOutput(WithoutStartMethod(expected), WithoutStartMethod(actual));
    }

    [Theory]
    [InlineData("forkserver")]
    [InlineData("spawn")]
    public async Task The_scripts_own_start_method_wins_and_terminate_kills_only_the_child(string method)
    {
        var script = Script("terminate_child.py");

        Programs.AssertSameOutput(await Programs.Python3Async(script, method), await PythonnetAsync(script, method));
    }

    [Theory]
    [InlineData("code")]
    [InlineData("message")]
    [InlineData("wrap")]
    [InlineData("raise")]
    [InlineData("none")]
    public async Task Exit_codes_atexit_handlers_unflushed_output_and_tracebacks_are_python3s(string how)
    {
        var script = Script("exit_forms.py");
        var expected = await Programs.Python3Async(script, how);
        var actual = await PythonnetAsync(script, how);

        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.StandardOutput, actual.StandardOutput);
        Assert.Equal(expected.StandardError, actual.StandardError); // tracebacks exactly, the runner's frames left out
    }

    [Fact]
    public async Task The_script_sees_python3s_executable_argv_file_and_sys_path_without_the_dotnet_runtime_folder()
    {
        var script = Script("interpreter_state.py");
        var expected = await Programs.Python3Async(script, "one", "--two");
        var actual = await PythonnetAsync(script, "one", "--two");

        Assert.Equal(expected.ToString().Replace(expected.Command, ""), actual.ToString().Replace(actual.Command, ""));
    }

    [Fact]
    public async Task The_engines_give_the_same_output_for_the_same_script()
    {
        var script = Programs.Here("pyexamples", "multiprocessing_simpleargs.py");

        Programs.AssertSameOutput(
            await Programs.PycompatAsync("run", "--engine", "capi", script),
            await PythonnetAsync(script));
    }

    [Fact]
    public async Task Fork_is_refused_as_the_default_start_method_of_the_pythonnet_engine()
    {
        var result = await Programs.PycompatAsync("run", "--engine", "pythonnet", "--start-method", "fork", Script("exit_forms.py"), "code");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--engine pythonnet does not fork", result.StandardError);
        Assert.Contains("forkserver", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task An_unknown_engine_is_an_error_that_names_the_engines()
    {
        var result = await Programs.PycompatAsync("run", "--engine", "jython", Script("exit_forms.py"), "code");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--engine jython is not one of capi, pythonnet", result.StandardError);
    }

    [Fact]
    public async Task Run_help_explains_the_engines_and_that_pythonnet_defaults_to_forkserver()
    {
        var result = await Programs.PycompatAsync("run", "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--engine", result.StandardOutput);
        Assert.Contains("pythonnet", result.StandardOutput);
        Assert.Contains("forkserver", result.StandardOutput);
    }
}
