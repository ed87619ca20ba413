using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace PyCompat.Benchmarks.Processes;

/// <summary>What the run needs to know about the machine and where things are, found once.</summary>
internal sealed class Machine
{
    public required string RepoRoot { get; init; }
    public required string Python { get; init; }
    public required string PythonVersion { get; init; }
    public required string JitWorker { get; init; }
    public string? AotWorker { get; init; }

    /// <summary>Why there is no NativeAOT worker in this run (bench/run says, in PYCOMPAT_BENCH_AOT_SKIPPED).</summary>
    public string AotMissing =>
        Environment.GetEnvironmentVariable("PYCOMPAT_BENCH_AOT_SKIPPED") is { Length: > 0 } why
            ? why
            : "no NativeAOT worker (bench/run builds one when clang is installed; PYCOMPAT_BENCH_AOT_WORKER names one)";
    public required string Pycompat { get; init; }

    /// <summary>The NativeAOT build of pycompat (<c>-p:PyCompatCliAot=true</c>; bench/run names it in
    /// PYCOMPAT_BENCH_AOT_CLI), or null.</summary>
    public string? AotCli { get; init; }

    /// <summary>Why there is no NativeAOT pycompat in this run (bench/run says, in PYCOMPAT_BENCH_AOT_CLI_SKIPPED).</summary>
    public string AotCliMissing =>
        Environment.GetEnvironmentVariable("PYCOMPAT_BENCH_AOT_CLI_SKIPPED") is { Length: > 0 } why
            ? why
            : "no NativeAOT pycompat (bench/run builds one when clang is installed; PYCOMPAT_BENCH_AOT_CLI names one)";

    public string PyExamples => Path.Combine(RepoRoot, "pyexamples");
    public string Scripts => Path.Combine(RepoRoot, "bench", "PyCompat.Benchmarks", "Processes", "python");

    public static Machine Discover(string? python, string? aotWorker)
    {
        var root = Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (root is null || !File.Exists(Path.Combine(root, "PyCompat.sln")))
            throw new InvalidOperationException("cannot find the repository root (PyCompat.sln); build the bench from the clone");
        root = Path.GetFullPath(root);
        // Resolve the interpreter once: through pyenv's shim every call costs ~300 ms (docs/pitfalls.md, "pyenv's shim is slow").
        var asked = python ?? Environment.GetEnvironmentVariable("PYCOMPAT_PYTHON") ?? "python3";
        var probe = Child.Run(asked, ["-c", "import os, sys, platform; print(os.path.realpath(sys.executable)); print(platform.python_version())"],
            Child.BaseEnvironment(), keepStdout: true).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var aot = aotWorker ?? Environment.GetEnvironmentVariable("PYCOMPAT_BENCH_AOT_WORKER");
        if (string.IsNullOrEmpty(aot) || !File.Exists(aot)) aot = null;
        var aotCli = Environment.GetEnvironmentVariable("PYCOMPAT_BENCH_AOT_CLI");
        if (string.IsNullOrEmpty(aotCli) || !File.Exists(aotCli)) aotCli = null;
        return new Machine
        {
            RepoRoot = root,
            Python = probe[0],
            PythonVersion = probe[1],
            JitWorker = Path.Combine(AppContext.BaseDirectory, "pycompat-worker"),
            AotWorker = aot is null ? null : Path.GetFullPath(aot),
            Pycompat = Path.Combine(AppContext.BaseDirectory, "pycompat"),
            AotCli = aotCli is null ? null : Path.GetFullPath(aotCli),
        };
    }

    public static string LoadAverage() =>
        string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            ?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var mem = memKb is null ? "?" : (long.Parse(memKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        return $"{cpu}, {Environment.ProcessorCount} cores, {mem} GiB; {os ?? RuntimeInformation.OSDescription} " +
               $"(kernel {Environment.OSVersion.Version}); .NET {Environment.Version}; CPython {PythonVersion} ({Python})";
    }
}
