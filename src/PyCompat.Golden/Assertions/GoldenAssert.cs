using PyCompat.Golden.Checking;
using PyCompat.Golden.Modes;
using PyCompat.Golden.Outputs;
using PyCompat.Golden.Policies;
using PyCompat.Golden.Running;

namespace PyCompat.Golden.Assertions;

/// <summary>
/// Golden checks for a test suite (xunit, NUnit, MSTest: any framework that fails a test on an exception): assert that
/// a C# port prints what CPython prints for a Python script, under a comparison policy, and fail with the unified diff.
/// </summary>
/// <example>
/// <code>
/// [Fact]
/// public Task GreetPrintsWhatCPythonPrints() => GoldenAssert.PortPrintsWhatCPythonPrintsAsync(
///     "scripts/greet.py", PortCommand.Of(typeof(Greet).Assembly), new GoldenOptions { Policy = "order = multiset\nnormalise = none" });
/// </code>
/// </example>
public static class GoldenAssert
{
    /// <summary>
    /// Runs <paramref name="port"/> and compares its exit code, stdout and stderr with CPython's for
    /// <paramref name="scriptPath"/> (run as <c>python3 NAME.py</c> from the script's folder, or read from its recorded
    /// golden) under the policy of <paramref name="options"/>. The port runs in the script's folder too, with
    /// <c>PYTHONUNBUFFERED</c> removed from both environments, as <c>pycompat check</c> does.
    /// </summary>
    /// <param name="scriptPath">The Python script the port ports.</param>
    /// <param name="port">How to start the port as a process, e.g. <see cref="PortCommand.Of"/>.</param>
    /// <param name="options">Policy, reference and interpreter; defaults when null.</param>
    /// <param name="cancellationToken">Stops the runs.</param>
    /// <exception cref="GoldenMismatchException">the outputs differ (the message holds the diff), or a run failed or timed out.</exception>
    public static async Task PortPrintsWhatCPythonPrintsAsync(string scriptPath, CommandSpec port, GoldenOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new GoldenOptions();
        var script = Path.GetFullPath(scriptPath);
        if (!File.Exists(script))
            throw new GoldenMismatchException($"no script at {script}");
        var folder = Path.GetDirectoryName(script)!;
        var name = Path.GetFileNameWithoutExtension(script);
        // Rules whose counts depend on os.cpu_count() read this machine's, which both sides ran on.
        var policy = PolicyFor(script, options) with { Cpus = Environment.ProcessorCount };
        var (expected, expectedLabel, lineOffset) = await ReferenceAsync(script, policy, options, cancellationToken).ConfigureAwait(false);

        var childLog = options.RequireDotnetChildren ? Path.Combine(Path.GetTempPath(), $"pycompat-golden-children-{Guid.NewGuid():N}.log") : null;
        RunResult actual;
        ChildLog? children = null;
        try
        {
            var environment = childLog is null ? null : new Dictionary<string, string> { [ChildLog.Variable] = childLog };
            actual = await ProcessRunner.RunAsync(port, folder, options.Timeout, environment, cancellationToken).ConfigureAwait(false);
            if (childLog is not null)
                children = ChildLog.Read(childLog);
        }
        finally
        {
            if (childLog is not null)
                File.Delete(childLog);
        }
        if (actual.TimedOut)
            throw new GoldenMismatchException($"{name}: the port ({port.Display}) timed out after {options.Timeout.TotalSeconds:0} s and was killed.");

        var comparison = OutputComparer.Compare(expected, actual.Output, policy, expectedLabel, $"the port: {port.Display}", Streams.All, lineOffset);
        if (!comparison.Matches)
            throw new GoldenMismatchException($"{name}: the port prints something else than CPython under {policy.Describe()}:", comparison.Diff);
        if (children?.ProblemForPort() is { } problem)
            throw new GoldenMismatchException($"{name}: the output matches, but {problem}; RequireDotnetChildren wants .NET children.");
    }

    private static ExamplePolicy PolicyFor(string script, GoldenOptions options)
    {
        var name = Path.GetFileNameWithoutExtension(script);
        try
        {
            if (options.Policy is { } text)
                return PolicyFile.Parse($"[{name}]\n{text}", "GoldenOptions.Policy").Examples[name];
            var file = Path.Combine(Path.GetDirectoryName(script)!, ExampleSet.GoldenFolderName, PolicyFile.FileName);
            if (File.Exists(file) && PolicyFile.Load(file).Examples.TryGetValue(name, out var fromFile))
                return fromFile;
            return new ExamplePolicy(name, LineOrder.Exact, [], Runs: true, Note: null);
        }
        catch (PolicyFormatException e)
        {
            throw new GoldenMismatchException($"{name}: the policy cannot be read: {e.Message}");
        }
    }

    private static async Task<(ProgramOutput Output, string Label, int LineOffset)> ReferenceAsync(string script, ExamplePolicy policy,
        GoldenOptions options, CancellationToken cancellationToken)
    {
        var name = Path.GetFileNameWithoutExtension(script);
        var golden = Path.Combine(Path.GetDirectoryName(script)!, ExampleSet.GoldenFolderName, name + ".txt");
        if (options.Reference == GoldenReference.RecordedGolden && !options.Update)
        {
            if (!File.Exists(golden))
                throw new GoldenMismatchException($"{name}: no golden at {golden}; record it with {GoldenOptions.UpdateVariable}=1 (or Update = true) or `pycompat check --update --examples DIR`.");
            var text = await File.ReadAllTextAsync(golden, cancellationToken).ConfigureAwait(false);
            var comments = text.Split('\n').TakeWhile(line => line.StartsWith('#')).Count();
            try
            {
                return (GoldenText.Parse(text, golden), $"golden/{name}.txt (CPython)", comments);
            }
            catch (FormatException e)
            {
                throw new GoldenMismatchException($"{name}: the golden {golden} cannot be read ({e.Message}); record it again.");
            }
        }

        var tools = await Tools.FindAsync(options.Python, cancellationToken).ConfigureAwait(false);
        if (tools.Python is null)
            throw new GoldenMismatchException($"{name}: CPython is needed to run the script, and {tools.PythonVersion}.");
        var run = await ProcessRunner.RunAsync(tools.Python.Append(name + ".py"), Path.GetDirectoryName(script)!, options.Timeout,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (run.TimedOut)
            throw new GoldenMismatchException($"{name}: {tools.PythonVersion} timed out after {options.Timeout.TotalSeconds:0} s on {name}.py.");
        if (options.Reference == GoldenReference.RecordedGolden)
        {
            var recorded = GoldenFile.Render(run.Output, policy, tools.PythonVersion);
            if (!File.Exists(golden) || !GoldenFile.SameContent(await File.ReadAllTextAsync(golden, cancellationToken).ConfigureAwait(false), recorded))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(golden)!);
                await File.WriteAllTextAsync(golden, recorded, cancellationToken).ConfigureAwait(false);
            }
        }
        return (run.Output, $"CPython: {tools.PythonVersion} {name}.py", 0);
    }
}
