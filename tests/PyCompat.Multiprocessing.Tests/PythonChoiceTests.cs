using PyCompat.Multiprocessing.Discovery;
using HostLocator = PyCompat.PythonHost.Discovery.PythonLocator;
using SpawnLocator = PyCompat.Multiprocessing.Spawn.PythonLocator;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>PYCOMPAT_PYTHON has one meaning: the embedded runner and the Python children of C# parents read it alike.</summary>
public sealed class PythonChoiceTests
{
    private static Func<string, string?> Environment(params (string Name, string? Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value ?? (name == "PATH" ? System.Environment.GetEnvironmentVariable("PATH") : null);

    [Fact]
    public void The_python_option_comes_first_then_PYCOMPAT_PYTHON_then_PYTHONNET_PYDLL_then_python3_on_PATH()
    {
        var all = Environment(("PYCOMPAT_PYTHON", "/a/python3"), ("PYTHONNET_PYDLL", "/b/libpython3.11.so"));

        Assert.Equal(new PythonCandidate("/o/python3", "--python"), PythonChoice.Choose("/o/python3", all));
        Assert.Equal(new PythonCandidate("/a/python3", "PYCOMPAT_PYTHON"), PythonChoice.Choose(null, all));
        Assert.Equal(new PythonCandidate("/b/libpython3.11.so", "PYTHONNET_PYDLL"),
            PythonChoice.Choose(null, Environment(("PYTHONNET_PYDLL", "/b/libpython3.11.so"))));
        Assert.Equal("python3 on PATH", PythonChoice.Choose(null, Environment())?.Source);
    }

    [Fact]
    public void A_blank_value_is_unset_and_a_relative_path_is_taken_from_the_current_folder()
    {
        Assert.Equal("PYTHONNET_PYDLL",
            PythonChoice.Choose(null, Environment(("PYCOMPAT_PYTHON", "  "), ("PYTHONNET_PYDLL", "/b/libpython3.11.so")))?.Source);
        Assert.Equal(Path.GetFullPath("bin/python3"), PythonChoice.Choose(null, Environment(("PYCOMPAT_PYTHON", "bin/python3")))?.Path);
    }

    [Fact]
    public void Python3_on_PATH_must_be_executable()
    {
        var folder = Directory.CreateTempSubdirectory("pycompat-path-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "python3"), "not a program");
            Assert.Null(PythonChoice.Choose(null, name => name == "PATH" ? folder : null));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("PYCOMPAT_PYTHON")]
    [InlineData("PYTHONNET_PYDLL")]
    public void A_libpython_names_the_same_interpreter_for_children_of_csharp_parents_as_for_the_embedded_runner(string variable)
    {
        // The oldest install found: python3 on PATH is another one wherever the machine has two.
        var install = Interpreters.All[0];
        var environment = Environment((variable, install.Library));

        Assert.Equal(install.Executable, HostLocator.Locate(null, environment).Executable);
        Assert.Equal(install.Executable, SpawnLocator.Resolve(environment));
    }

    [Fact]
    public void A_missing_file_is_named_with_where_it_came_from()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SpawnLocator.Resolve(Environment(("PYCOMPAT_PYTHON", "/nonexistent/python3"))));
        Assert.Equal("cannot find CPython: PYCOMPAT_PYTHON /nonexistent/python3 does not exist; set PYCOMPAT_PYTHON to a CPython " +
            "interpreter or its libpython3.X.so.", error.Message);
    }
}
