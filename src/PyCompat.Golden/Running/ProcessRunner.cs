using System.Diagnostics;
using PyCompat.Golden.Outputs;

namespace PyCompat.Golden.Running;

/// <summary>
/// Runs a command as a separate OS process and captures fds 1 and 2 from outside, so the output of its children
/// (which write to the inherited fds, not through the parent's <c>sys.stdout</c>) is captured too.
/// </summary>
/// <remarks>
/// Output goes to files, not pipes: a resource tracker or fork server can keep a pipe's write end open after the
/// program exits, and waiting for end-of-file would hang. The runner waits for the program to exit, then reads the
/// files. Stdin is <c>/dev/null</c>. Every run, reference or not, has <see cref="RemovedVariables"/> removed from
/// its environment.
/// </remarks>
internal static class ProcessRunner
{
    /// <summary>
    /// Removed from the environment of every run: <c>PYTHONUNBUFFERED=1</c> makes <c>print</c> write each piece
    /// separately, so the lines of racing children tear (<c>WorkerWorker</c>, then an empty line).
    /// </summary>
    public static IReadOnlyList<string> RemovedVariables { get; } = ["PYTHONUNBUFFERED"];

    // $1 and $2 name the capture files; the rest is the command, exec'd so the exit code and pid are its own.
    private const string Redirect = "o=$1; e=$2; shift 2; exec \"$@\" </dev/null >\"$o\" 2>\"$e\"";

    /// <summary>Runs <paramref name="command"/> in <paramref name="workingDirectory"/> and waits for it to exit.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">the shell could not be started.</exception>
    /// <param name="command">What to run.</param>
    /// <param name="workingDirectory">Where to run it.</param>
    /// <param name="timeout">How long it may take before it is killed.</param>
    /// <param name="environment">Variables to set for the run (e.g. <see cref="ChildLog.Variable"/>), or null.</param>
    /// <param name="cancellationToken">Stops waiting and kills the process.</param>
    public static async Task<RunResult> RunAsync(CommandSpec command, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        if (OperatingSystem.IsWindows())
            throw new PlatformNotSupportedException("pycompat check captures output through /bin/sh; it runs on Linux and macOS.");
        var folder = Directory.CreateTempSubdirectory("pycompat-check-");
        try
        {
            var stdoutPath = Path.Combine(folder.FullName, "stdout");
            var stderrPath = Path.Combine(folder.FullName, "stderr");
            var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
            foreach (var argument in (string[])["-c", Redirect, "pycompat-check", stdoutPath, stderrPath, command.Executable, .. command.Arguments])
                start.ArgumentList.Add(argument);
            foreach (var name in RemovedVariables)
                start.Environment.Remove(name);
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
                start.Environment[name] = value;

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command.Display}");
            var timedOut = false;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(timeout);
                try
                {
                    await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    timedOut = true;
                }
            }
            clock.Stop();
            var output = new ProgramOutput(process.ExitCode, await ReadAsync(stdoutPath).ConfigureAwait(false), await ReadAsync(stderrPath).ConfigureAwait(false));
            return new RunResult(output, clock.Elapsed, timedOut);
        }
        finally
        {
            try { folder.Delete(recursive: true); }
            catch (IOException) { /* a child that outlived the program still holds a file: leave the temp folder */ }
        }
    }

    private static async Task<string> ReadAsync(string path) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path).ConfigureAwait(false) : "";
}
