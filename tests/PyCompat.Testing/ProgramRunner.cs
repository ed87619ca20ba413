using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace PyCompat.Testing;

/// <summary>
/// Runs a program as a real child process and captures its output from outside: children of the script write
/// to the inherited fds 1 and 2, which only an outside capture sees (docs/pitfalls.md, "Children write to the inherited fds").
/// </summary>
public static class ProgramRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Runs <paramref name="program"/> without PYTHONUNBUFFERED, which tears lines that racing processes print
    /// (docs/pitfalls.md, "PYTHONUNBUFFERED tears lines"): python3 and pycompat run get the same environment.
    /// </summary>
    public static async Task<RunResult> RunAsync(
        string program, IEnumerable<string> arguments, string stdin = "",
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var args = arguments.ToArray();
        var command = CliWrap.Cli.Wrap(program)
            .WithArguments(args)
            .WithStandardInputPipe(PipeSource.FromString(stdin))
            .WithValidation(CommandResultValidation.None)
            .WithWorkingDirectory(workingDirectory ?? AppContext.BaseDirectory)
            .WithEnvironmentVariables(variables =>
            {
                variables.Set("PYTHONUNBUFFERED", null);
                // A developer's own settings must not leak into what a test compares.
                variables.Set("PYCOMPAT_WORKER", null);
                variables.Set("PYCOMPAT_TARGETS", null);
                foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
                    variables.Set(name, value);
            });
        using var cancellation = new CancellationTokenSource(Timeout);
        var task = command.ExecuteBufferedAsync(Encoding.UTF8, cancellation.Token);
        var result = await task;
        return new RunResult($"{program} {string.Join(' ', args)}", result.ExitCode, result.StandardOutput, result.StandardError)
        {
            ProcessId = task.ProcessId,
        };
    }
}
