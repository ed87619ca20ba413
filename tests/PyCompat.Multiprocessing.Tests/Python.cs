namespace PyCompat.Multiprocessing.Tests;

/// <summary>Runs python3 (the interpreter PyCompat finds) as a real child process, with PyCompat.Testing's runner.</summary>
public static class Python
{
    public static string PyExamples => Repo.PyExamples;

    public static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "python", name);

    public static Task<RunResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null) =>
        ProgramRunner.RunAsync(Interpreters.Default.Executable, args, environment: env);

    /// <summary>The lines, sorted: processes race, so output is compared as a multiset of lines.</summary>
    public static IReadOnlyList<string> Multiset(string output) => Output.Multiset(output);
}
