using CliWrap;
using CliWrap.Buffered;

namespace PyCompat.Cli.Tests;

/// <summary>Runs <c>pycompat</c> and <c>python3</c> as real child processes, the way a user does.</summary>
public static class Commands
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string PyExamples => Path.Combine(RepoRoot, "pyexamples");

    public static string Python =>
        Environment.GetEnvironmentVariable("PYCOMPAT_PYTHON") is { Length: > 0 } configured ? configured : "python3";

    /// <summary>PYTHONUNBUFFERED makes print write in pieces, which tears lines from racing children.</summary>
    private static readonly Dictionary<string, string?> CleanEnvironment = new() { ["PYTHONUNBUFFERED"] = null };

    public static Task<BufferedCommandResult> PyCompatAsync(params string[] args)
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "pycompat");
        return RunAsync(apphost, args);
    }

    public static Task<BufferedCommandResult> PythonAsync(params string[] args) => RunAsync(Python, args);

    private static async Task<BufferedCommandResult> RunAsync(string program, string[] args)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        return await CliWrap.Cli.Wrap(program).WithArguments(args).WithWorkingDirectory(RepoRoot)
            .WithEnvironmentVariables(CleanEnvironment).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(guard.Token);
    }

    /// <summary>The lines, sorted: processes race, so output is compared as a multiset of lines.</summary>
    public static string[] Multiset(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];

    private static string FindRepoRoot()
    {
        var recorded = typeof(Commands).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "PyCompat.sln"))) return recorded;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PyCompat.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("cannot find PyCompat.sln above " + AppContext.BaseDirectory);
    }
}
