namespace PyCompat.Mapping.Tests.Support;

/// <summary>
/// Counts the worker host's launches: a shell script set as <c>PYCOMPAT_WORKER</c> appends its pid to a log, then
/// execs the real <c>pycompat-worker</c> in the same process (same pid, the worker's executable from then on). A
/// line in the log is a child that ran in .NET: a CPython child (fork, spawn, forkserver) never goes through it.
/// With <c>captureOutput</c> the wrapper also keeps each launch's command line and, through tee, a copy of what that
/// very process printed to stdout, so a test can tell which lines a .NET child printed.
/// </summary>
public sealed class WorkerLaunches : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pycompat-map-").FullName;

    public WorkerLaunches(bool captureOutput = false)
    {
        Wrapper = Path.Combine(_folder, "worker.sh");
        Log = Path.Combine(_folder, "launches.log");
        File.WriteAllText(Wrapper, captureOutput
            // bash's process substitution: the worker keeps the pid (exec), its stdout goes through tee to a file.
            ? $"#!/bin/bash\necho $$ >> '{Log}'\nprintf '%s\\n' \"$@\" > '{_folder}/args.'$$\n" +
              $"exec '{Run.Worker}' \"$@\" > >(exec tee '{_folder}/stdout.'$$)\n"
            : $"#!/bin/sh\necho $$ >> '{Log}'\nexec '{Run.Worker}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(Wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <summary>The wrapper's path.</summary>
    public string Wrapper { get; }

    /// <summary>The log the wrapper appends to.</summary>
    public string Log { get; }

    /// <summary>A scratch folder for the scripts' own files.</summary>
    public string Folder => _folder;

    /// <summary>The environment that makes pycompat launch the wrapper.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["PYCOMPAT_WORKER"] = Wrapper };

    /// <summary>The pids of the worker processes launched so far.</summary>
    public IReadOnlyList<int> Pids => File.Exists(Log) ? [.. File.ReadAllLines(Log).Where(l => l.Length > 0).Select(int.Parse)] : [];

    /// <summary>The command line the launch <paramref name="pid"/> got (with <c>captureOutput</c>).</summary>
    public IReadOnlyList<string> ArgumentsOf(int pid) => File.ReadAllLines(Path.Combine(_folder, $"args.{pid}"));

    /// <summary>What the launch <paramref name="pid"/> printed to stdout (with <c>captureOutput</c>).</summary>
    public string OutputOf(int pid) => File.ReadAllText(Path.Combine(_folder, $"stdout.{pid}"));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
