using System.Text.RegularExpressions;
using PyCompat.Bridge.Tests.Support;

namespace PyCompat.Bridge.Tests;

/// <summary><c>pycompat targets</c>, run as a child process; signatures are checked against python3's own.</summary>
public sealed class TargetsCommandTests
{
    private static readonly string Fixtures = Programs.Here("python");

    private static Task<RunResult> TargetsWithFixturesAsync() =>
        Programs.PycompatAsync("targets", "--targets", typeof(FixturePorts).Assembly.Location, "--path", Fixtures);

    /// <summary>What python3 prints for <c>str(inspect.signature(module.name))</c>, with <paramref name="folder"/> on sys.path.</summary>
    private static async Task<string> Python3SignatureAsync(string folder, string module, string name)
    {
        var result = await Programs.Python3Async("-c",
            $"import sys, inspect; sys.path.insert(0, {PyString(folder)}); import {module}; print('{name}' + str(inspect.signature({module}.{name})))");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput.Trim().Split('\n')[^1]; // after anything the module prints at import
    }

    private static string PyString(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    /// <summary>The table row (one line) that starts with the Python name.</summary>
    private static string Row(RunResult result, string pythonName) =>
        result.StandardOutput.Split('\n').SingleOrDefault(line => Regex.IsMatch(line, $@"^│ {Regex.Escape(pythonName)}\s+│"))
        ?? throw new Xunit.Sdk.XunitException($"no row for {pythonName}\n{result}");

    [Fact]
    public async Task The_book_ports_are_listed_with_pythons_own_signatures_and_all_fit()
    {
        var result = await Programs.PycompatAsync("targets", "--path", Programs.Here("pyexamples"));

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var (module, port) in new[]
                 {
                     ("multiprocessing_simple", "PyCompat.Examples.MultiprocessingSimple.Worker()"),
                     ("multiprocessing_simpleargs", "PyCompat.Examples.MultiprocessingSimpleArgs.Worker(int num)"),
                     ("multiprocessing_import_worker", "PyCompat.Examples.ImportWorker.MultiprocessingImportWorker.Worker()"),
                 })
        {
            var row = Row(result, $"{module}.worker");
            Assert.Contains($"│ {await Python3SignatureAsync(Programs.Here("pyexamples"), module, "worker")} ", row);
            Assert.Contains(port, row);
            Assert.Contains("│ yes", row);
        }
    }

    [Fact]
    public async Task Pyexamples_in_the_current_folder_is_the_default_path()
    {
        var result = await Programs.PycompatAsync("targets");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("all fit", result.StandardOutput);
    }

    [Theory]
    [InlineData("takes_one")]
    [InlineData("keyword_only")]
    [InlineData("other_case")]
    [InlineData("noisy_module.worker")]
    public async Task A_port_that_can_take_every_call_the_python_function_accepts_fits(string function)
    {
        var (module, name) = function.Contains('.') ? (function.Split('.')[0], function.Split('.')[1]) : ("fits_and_misfits", function);
        var result = await TargetsWithFixturesAsync();

        var row = Row(result, $"{module}.{name}");
        Assert.Contains($"│ {await Python3SignatureAsync(Fixtures, module, name)} ", row);
        Assert.Contains("│ yes", row);
    }

    [Theory]
    [InlineData("takes_one_more", "Python takes_one_more(num) passes 1 positional argument; C# TakesNone() takes 0")]
    [InlineData("optional", "Python optional(count=3) may leave out count; C# Optional(int count) requires count")]
    [InlineData("renamed", "Python renamed(num) can pass num by keyword; C# Renamed(int number) has no parameter num")]
    [InlineData("extra", "C# Extra(int num, string label) requires label, which Python extra(num) never passes")]
    [InlineData("star", "Python star(*args) passes any number of positional arguments; C# Star(int a) takes at most 1")]
    [InlineData("any_keywords", "Python any_keywords(**options) passes any keyword arguments; C# AnyKeywords() takes only its named parameters")]
    [InlineData("swapped", "Python swapped(first, second) has first as positional parameter 1; C# Swapped(int second, int first) has it as parameter 2")]
    public async Task A_port_whose_parameters_cannot_take_what_python_passes_is_flagged_and_the_exit_code_is_1(string name, string problem)
    {
        var result = await TargetsWithFixturesAsync();

        Assert.Equal(1, result.ExitCode);
        var row = Row(result, $"fits_and_misfits.{name}");
        Assert.Contains($"│ {await Python3SignatureAsync(Fixtures, "fits_and_misfits", name)} ", row);
        Assert.Contains(problem, result.StandardOutput);
    }

    [Fact]
    public async Task Modules_that_are_missing_or_fail_to_import_and_functions_that_are_missing_are_reported_as_such()
    {
        var result = await TargetsWithFixturesAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"module not found: no no_such_module.py in {Fixtures}", Row(result, "no_such_module.worker"));
        Assert.Contains("import broken_module failed: RuntimeError: broken_module cannot be imported", Row(result, "broken_module.worker"));
        Assert.Contains("module fits_and_misfits has no function not_there", Row(result, "fits_and_misfits.not_there"));
    }

    [Fact]
    public async Task What_a_module_prints_when_imported_stays_out_of_the_table()
    {
        var result = await TargetsWithFixturesAsync();

        Assert.DoesNotContain("noisy_module: this line runs at import", result.StandardOutput + result.StandardError);
    }

    /// <summary>How python3 shows the class: <c>class Name(base.module.Qualname, ...)</c>, as the table's second column.</summary>
    private static async Task<string> Python3ClassAsync(string folder, string module, string name)
    {
        var result = await Programs.Python3Async("-c",
            $"import sys; sys.path.insert(0, {PyString(folder)}); import {module}; c = {module}.{name}; " +
            "print('class %s(%s)' % (c.__name__, ', '.join(b.__module__ + '.' + b.__qualname__ for b in c.__bases__)))");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput.Trim().Split('\n')[^1];
    }

    [Theory]
    [InlineData("GoodWorker", "FixtureClassPorts.GoodWorker : Process")]
    [InlineData("InheritsRun", "FixtureClassPorts.InheritsRun : Process")]
    public async Task A_class_port_that_is_a_process_subclass_overriding_run_as_pythons_class_is_fits(string name, string port)
    {
        var result = await TargetsWithFixturesAsync();

        var row = Row(result, $"fits_and_misfits.{name}");
        Assert.Contains($"│ {await Python3ClassAsync(Fixtures, "fits_and_misfits", name)} ", row);
        Assert.Contains(port, row);
        Assert.Contains("│ yes", row);
    }

    [Theory]
    [InlineData("RunNotOverridden", "Python RunNotOverridden defines run(); C# RunNotOverridden does not override Run()")]
    [InlineData("PlainPortedAsProcess", "Python PlainPortedAsProcess is not a Process subclass; C# PlainPortedAsProcess derives from PyCompat.Multiprocessing.Process")]
    [InlineData("ProcessPortedAsPlain", "Python ProcessPortedAsPlain is a multiprocessing Process subclass; C# ProcessPortedAsPlain does not derive from PyCompat.Multiprocessing.Process")]
    [InlineData("NoSuchClass", "module fits_and_misfits has no class NoSuchClass")]
    [InlineData("not_a_class", "fits_and_misfits.not_a_class is not a class")]
    public async Task A_class_port_that_cannot_stand_for_its_python_class_is_flagged_and_the_exit_code_is_1(string name, string problem)
    {
        var result = await TargetsWithFixturesAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(problem, Row(result, $"fits_and_misfits.{name}"));
    }

    [Fact]
    public async Task A_targets_assembly_that_does_not_exist_is_an_error_with_exit_code_2()
    {
        var missing = Programs.Here("no-such-ports.dll");
        var result = await Programs.PycompatAsync("targets", "--targets", missing);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("pycompat targets: ", result.StandardError);
        Assert.Contains("no-such-ports.dll", result.StandardError);
    }
}
