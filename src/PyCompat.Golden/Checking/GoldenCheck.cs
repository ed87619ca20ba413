using PyCompat.Golden.Modes;
using PyCompat.Golden.Outputs;
using PyCompat.Golden.Running;

namespace PyCompat.Golden.Checking;

/// <summary>Decides whether <paramref name="mode"/> can run <paramref name="example"/> (e.g. whether it has a port).</summary>
public delegate Availability AvailabilityProbe(Mode mode, string example);

/// <summary>
/// Runs examples in modes, one at a time (so the times are honest and racing children of different runs never
/// share a machine's attention), and compares each output with its reference under the example's policy.
/// </summary>
/// <param name="examples">The examples, their policies and goldens.</param>
/// <param name="tools">The programs the modes start.</param>
/// <param name="availability">Which modes can run which examples; null means every mode whose tool exists.</param>
/// <param name="timeout">How long one run may take before it is killed and failed.</param>
public sealed class GoldenCheck(ExampleSet examples, Tools tools, AvailabilityProbe? availability, TimeSpan timeout)
{
    /// <summary>The examples.</summary>
    public ExampleSet Examples => examples;

    /// <summary>The programs the modes start.</summary>
    public Tools Tools => tools;

    /// <summary>Checks every pair of <paramref name="names"/> and <paramref name="modes"/>, reporting each as it finishes.</summary>
    public async Task<CheckReport> RunAsync(IReadOnlyList<string> names, IReadOnlyList<Mode> modes,
        Action<CellResult>? finished = null, Action<string, Mode>? starting = null, CancellationToken cancellationToken = default)
    {
        var results = new List<CellResult>();
        var notRun = new List<(string Example, string Reason)>();
        foreach (var name in names)
        {
            var policy = examples.Policy(name);
            if (!policy.Runs)
            {
                notRun.Add((name, $"a module, not run (run = no{(policy.Note is null ? "" : ": " + policy.Note)})"));
                continue;
            }
            foreach (var mode in modes)
            {
                starting?.Invoke(name, mode);
                var result = await CheckAsync(name, mode, cancellationToken).ConfigureAwait(false);
                results.Add(result);
                finished?.Invoke(result);
            }
        }
        return new CheckReport(examples.Folder, tools.PythonVersion, [.. modes], results, notRun);
    }

    /// <summary>Which of <paramref name="names"/> each of <paramref name="modes"/> can run, without running anything; modules are left out.</summary>
    public IReadOnlyList<PlannedCell> Plan(IReadOnlyList<string> names, IReadOnlyList<Mode> modes) =>
        [.. from name in names where examples.Policy(name).Runs from mode in modes select new PlannedCell(name, mode, AvailabilityOf(name, mode), Display(name, mode))];

    /// <summary>Whether <paramref name="mode"/> can run <paramref name="example"/> here, without running it.</summary>
    public Availability AvailabilityOf(string example, Mode mode)
    {
        var (_, problem) = tools.CommandFor(mode, example);
        if (problem is not null)
            return Availability.NotApplicable(problem);
        if (mode.Reference == Reference.Book && !examples.BookTranscripts.ContainsKey(example))
            return Availability.NotApplicable(examples.Policies.Book is null
                ? "the policy file names no book"
                : $"the book shows no '$ python3 {example}.py' transcript");
        return availability?.Invoke(mode, example) ?? Availability.Available;
    }

    /// <summary>Runs <paramref name="example"/> in <paramref name="mode"/> and compares it with its reference.</summary>
    public async Task<CellResult> CheckAsync(string example, Mode mode, CancellationToken cancellationToken = default)
    {
        var policy = examples.Policy(example);
        var (command, _) = tools.CommandFor(mode, example);
        var display = Display(example, mode);
        var available = AvailabilityOf(example, mode);
        if (!available.CanRun || command is null)
            return new CellResult(example, mode, CellStatus.NotApplicable, available.Label, available.Reason, display, TimeSpan.Zero, "", null);

        var (reference, referenceLabel, streams, offset, problem) = ReferenceFor(example, mode);
        RunResult run;
        try
        {
            run = await ProcessRunner.RunAsync(command, examples.Folder, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return Fail($"could not start: {e.Message}", TimeSpan.Zero, "", null);
        }
        if (run.TimedOut)
            return Fail($"timed out after {timeout.TotalSeconds:0} s and was killed", run.Elapsed, "", run.Output);
        if (reference is null)
            return Fail(problem!, run.Elapsed, "", run.Output);

        var comparison = OutputComparer.Compare(reference, run.Output, policy, referenceLabel, $"{mode.Name}: {display}", streams, offset);
        return comparison.Matches
            ? new CellResult(example, mode, CellStatus.Passed, "pass", null, display, run.Elapsed, "", run.Output)
            : Fail($"differs from {(mode.Reference == Reference.Book ? "the book" : "the golden")} under {policy.Describe()}", run.Elapsed, comparison.Diff, run.Output);

        CellResult Fail(string reason, TimeSpan elapsed, string diff, ProgramOutput? output) =>
            new(example, mode, CellStatus.Failed, "FAIL", reason, display, elapsed, diff, output);
    }

    private string Display(string example, Mode mode) => tools.CommandFor(mode, example).Command?.Display
        ?? string.Join(' ', [mode.Tool == Tool.Python ? "python3" : "pycompat", .. mode.ArgumentsFor(example)]);

    private (ProgramOutput? Reference, string Label, Streams Streams, int LineOffset, string? Problem) ReferenceFor(string example, Mode mode)
    {
        if (mode.Reference == Reference.Book)
            return (new ProgramOutput(0, examples.BookTranscripts[example], ""), $"the book: $ python3 {example}.py", Streams.Stdout, 0, null);
        var path = examples.GoldenPath(example);
        var label = $"golden/{example}.txt (CPython)";
        if (!File.Exists(path))
            return (null, label, Streams.All, 0, $"no golden at {path}; record it with `pycompat check --update`");
        try
        {
            var text = File.ReadAllText(path);
            var comments = text.Split('\n').TakeWhile(line => line.StartsWith('#')).Count();
            return (GoldenText.Parse(text, path), label, Streams.All, comments, null);
        }
        catch (FormatException e)
        {
            return (null, label, Streams.All, 0, $"the golden cannot be read ({e.Message}); record it again with `pycompat check --update`");
        }
    }
}
