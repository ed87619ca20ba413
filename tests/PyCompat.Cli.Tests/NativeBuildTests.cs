using System.Runtime.InteropServices;

namespace PyCompat.Cli.Tests;

/// <summary>
/// Publishes the NativeAOT build of pycompat (<c>-p:PyCompatCliAot=true</c>) once for the class, at the first test
/// that runs: NativeAOT links with the machine's C toolchain and zlib, and without them the tests are skipped as a
/// missing optional tool (never passed), so nothing may be published before a test asks.
/// </summary>
public sealed class NativeBuildFixture : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"pycompat-native-{Environment.ProcessId}");
    private readonly Lazy<Task<string>> _program;

    public NativeBuildFixture() => _program = new(Publish);

    /// <summary>The published pycompat.</summary>
    public Task<string> ProgramAsync() => _program.Value;

    private async Task<string> Publish()
    {
        var rid = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var program = Path.Combine(_folder, "out", "pycompat");
        var publish = await ProgramRunner.RunAsync("dotnet",
            ["publish", Path.Combine(Repo.Root, "src", "PyCompat.Cli"), "-c", "Release", "-r", rid, "-p:PyCompatCliAot=true",
             "--artifacts-path", Path.Combine(_folder, "artifacts"), "-o", Path.Combine(_folder, "out"), "-nologo", "-v", "q"],
            workingDirectory: Repo.Root);
        Assert.True(publish.ExitCode == 0 && File.Exists(program), publish.ToString());
        return program;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>A fact that needs what NativeAOT links with: a C compiler on PATH and zlib's headers.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FactNeedingNativeToolchainAttribute : FactAttribute
{
    public FactNeedingNativeToolchainAttribute()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        var compiler = new[] { "clang", "gcc", "cc" }.Any(c => path.Any(d => File.Exists(Path.Combine(d, c))));
        var zlib = File.Exists("/usr/include/zlib.h");
        if (!OperatingSystem.IsLinux() || !compiler || !zlib)
            Skip = "optional tool missing: the NativeAOT build needs a C compiler and zlib's headers "
                + "(apt-get install clang zlib1g-dev)";
    }
}

public sealed class NativeBuildTests(NativeBuildFixture native) : IClassFixture<NativeBuildFixture>
{
    [FactNeedingNativeToolchain]
    public async Task The_NativeAOT_build_runs_the_books_scripts_printing_what_python3_prints()
    {
        foreach (var script in new[] { "multiprocessing_simple.py", "multiprocessing_simpleargs.py", "multiprocessing_import_main.py" })
        {
            var path = Path.Combine(Commands.PyExamples, script);
            var expected = await Commands.PythonAsync(path);

            var actual = await ProgramRunner.RunAsync(await native.ProgramAsync(), ["run", "--python", Commands.Python, path], workingDirectory: Repo.Root);

            Assert.True(actual.ExitCode == expected.ExitCode, actual.ToString());
            Assert.Equal(Commands.Multiset(expected.StandardOutput), Commands.Multiset(actual.StandardOutput));
        }
    }

    [FactNeedingNativeToolchain]
    public async Task The_NativeAOT_build_refuses_what_it_leaves_out_and_names_the_JIT_build()
    {
        var script = Path.Combine(Commands.PyExamples, "multiprocessing_simple.py");
        string[][] refused = [["run", "--map", script], ["run", "--engine", "pythonnet", script], ["check"]];
        foreach (var args in refused)
        {
            var result = await ProgramRunner.RunAsync(await native.ProgramAsync(), args, workingDirectory: Repo.Root);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("NativeAOT build of pycompat", result.StandardError);
            Assert.Contains("dotnet run --project src/PyCompat.Cli", result.StandardError);
            Assert.Equal("", result.StandardOutput);
        }
    }
}
