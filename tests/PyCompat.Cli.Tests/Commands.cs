namespace PyCompat.Cli.Tests;

/// <summary>Runs <c>pycompat</c> and <c>python3</c> as real child processes from the repository root, the way a user does.</summary>
public static class Commands
{
    public static string PyExamples => Repo.PyExamples;

    public static string Python => Interpreters.Default.Executable;

    public static Task<RunResult> PyCompatAsync(params string[] args) =>
        ProgramRunner.RunAsync(Path.Combine(AppContext.BaseDirectory, "pycompat"), args, workingDirectory: Repo.Root);

    public static Task<RunResult> PythonAsync(params string[] args) =>
        ProgramRunner.RunAsync(Python, args, workingDirectory: Repo.Root);

    /// <summary>The lines, sorted: processes race, so output is compared as a multiset of lines.</summary>
    public static IReadOnlyList<string> Multiset(string output) => Output.Multiset(output);
}
