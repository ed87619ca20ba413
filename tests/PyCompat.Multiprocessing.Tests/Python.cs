using CliWrap;
using CliWrap.Buffered;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>Runs python3 (or PYCOMPAT_PYTHON) as a real child process, without PYTHONUNBUFFERED (it tears racing lines).</summary>
public static class Python
{
    public static string Executable =>
        Environment.GetEnvironmentVariable("PYCOMPAT_PYTHON") is { Length: > 0 } configured ? configured : "python3";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string PyExamples => Path.Combine(RepoRoot, "pyexamples");

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);

    public static async Task<BufferedCommandResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null)
    {
        var variables = new Dictionary<string, string?> { ["PYTHONUNBUFFERED"] = null };
        if (env is not null) foreach (var (k, v) in env) variables[k] = v;
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await Cli.Wrap(Executable).WithArguments(args).WithEnvironmentVariables(variables)
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(guard.Token);
    }

    /// <summary>The lines, sorted: processes race, so output is compared as a multiset of lines.</summary>
    public static string[] Multiset(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    private static string FindRepoRoot()
    {
        var recorded = typeof(Python).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "PyCompat.sln"))) return recorded;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PyCompat.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("cannot find PyCompat.sln above " + AppContext.BaseDirectory);
    }
}
