using PyCompat.Bridge.Tests.Support;
using PyCompat.PythonHost.Discovery;

namespace PyCompat.Bridge.Tests;

/// <summary>Both pythonnet features on every CPython found here: they work where Python.NET supports it, and say so where not.</summary>
public sealed class InterpreterMatrixTests
{
    private static readonly Version PythonnetMinimum = new(3, 11);

    [Theory]
    [MemberData(nameof(Interpreters.AllExecutables), MemberType = typeof(Interpreters))]
    public async Task The_pythonnet_engine_runs_a_script_with_children_as_that_python3_does_or_refuses_a_version_pythonnet_cannot_embed(string python)
    {
        var install = PythonLocator.Locate(python);
        var script = Programs.Here("scripts", "terminate_child.py");
        var actual = await Programs.PycompatAsync("run", "--python", python, "--engine", "pythonnet", script, "forkserver");

        if (install.Version < PythonnetMinimum)
        {
            Assert.True(actual.ExitCode == 2, actual.ToString());
            Assert.StartsWith($"pycompat run: Python.NET 3.2.1 cannot embed CPython {install.Version}", actual.StandardError);
            return;
        }

        Programs.AssertSameOutput(await Programs.RunAsync(python, [script, "forkserver"]), actual);
    }

    [Theory]
    [MemberData(nameof(Interpreters.AllExecutables), MemberType = typeof(Interpreters))]
    public async Task Targets_reads_the_book_signatures_with_that_python_or_refuses_a_version_pythonnet_cannot_embed(string python)
    {
        var install = PythonLocator.Locate(python);
        var result = await Programs.PycompatAsync("targets", "--python", python, "--path", Programs.Here("pyexamples"));

        if (install.Version < PythonnetMinimum)
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains($"cannot embed CPython {install.Version}", result.StandardError);
            return;
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        var scanned = PyCompat.Examples.ExampleCatalog.PortAssemblies.SelectMany(a => PyCompat.PythonHost.Mapping.PortScanner.Scan(a.Location)).Distinct().ToList();
        var (functions, classes) = (scanned.Count(p => !p.IsClass), scanned.Count(p => p.IsClass));
        Assert.Contains($"{functions} function ports and {classes} class ports, all fit; Python modules from {Programs.Here("pyexamples")}, CPython {install.Version}.", result.StandardOutput);
    }
}
