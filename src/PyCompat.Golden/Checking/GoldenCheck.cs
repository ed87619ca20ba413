using PyCompat.Golden.Book;
using PyCompat.Golden.Modes;
using PyCompat.Golden.Outputs;
using PyCompat.Golden.Policies;
using PyCompat.Golden.Running;

namespace PyCompat.Golden.Checking;

/// <summary>Decides whether <paramref name="mode"/> can run <paramref name="example"/> (e.g. whether it has a port).</summary>
internal delegate Availability AvailabilityProbe(Mode mode, string example);

/// <summary>
/// Runs examples in modes and compares each output with its reference under the example's policy. Runs go at most
/// <c>parallel</c> at a time (scripts that sleep dominate the time; two fit the machines this runs on without
/// slowing a racing script enough to change what it prints), and the results come back in the plan's order.
/// </summary>
/// <param name="examples">The examples, their policies and goldens.</param>
/// <param name="tools">The programs the modes start.</param>
/// <param name="availability">Which modes can run which examples; null means every mode whose tool exists.</param>
/// <param name="timeout">How long one run may take before it is killed and failed.</param>
/// <param name="parallel">How many runs may go at once (at least 1).</param>
internal sealed class GoldenCheck(ExampleSet examples, Tools tools, AvailabilityProbe? availability, TimeSpan timeout, int parallel = 1)
{
    /// <summary>The examples.</summary>
    public ExampleSet Examples => examples;

    /// <summary>The programs the modes start.</summary>
    public Tools Tools => tools;

    /// <summary>Checks every pair of <paramref name="names"/> and <paramref name="modes"/>, reporting each as it finishes.</summary>
    public async Task<CheckReport> RunAsync(IReadOnlyList<string> names, IReadOnlyList<Mode> modes,
        Action<CellResult>? finished = null, Action<string, Mode>? starting = null, CancellationToken cancellationToken = default)
    {
        var notRun = new List<(string Example, string Reason)>();
        var cells = new List<(string Name, Mode Mode)>();
        foreach (var name in names)
        {
            var policy = examples.Policy(name);
            if (!policy.Runs)
                notRun.Add((name, $"a module, not run (run = no{(policy.Note is null ? "" : ": " + policy.Note)})"));
            else
                cells.AddRange(modes.Select(mode => (name, mode)));
        }
        var results = new CellResult[cells.Count];
        var report = new object();
        await Parallel.ForEachAsync(Enumerable.Range(0, cells.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallel), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                lock (report) starting?.Invoke(cells[i].Name, cells[i].Mode);
                results[i] = await CheckAsync(cells[i].Name, cells[i].Mode, token).ConfigureAwait(false);
                lock (report) finished?.Invoke(results[i]);
            }).ConfigureAwait(false);
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
        if (mode.Reference == Reference.Book && examples.Policies.Books.Count == 0)
            return Availability.NotApplicable($"{PolicyFile.FileName} names no book (book = PATH) to compare CPython's output with");
        if (mode.Reference == Reference.Book && examples.BookExceptionsOf(example).FirstOrDefault(e => e.Kind == "no-transcript") is { } none)
            return new Availability(false, "no transcript", $"book exception no-transcript: {none.Explanation}");
        return availability?.Invoke(mode, example) ?? Availability.Available;
    }

    /// <summary>Runs <paramref name="example"/> in <paramref name="mode"/> and compares it with its reference.</summary>
    public async Task<CellResult> CheckAsync(string example, Mode mode, CancellationToken cancellationToken = default)
    {
        var policy = examples.Policy(example) with { Cpus = tools.Cpus };
        var (command, _) = tools.CommandFor(mode, example);
        var display = Display(example, mode);
        var available = AvailabilityOf(example, mode);
        if (!available.CanRun || command is null)
            return new CellResult(example, mode, CellStatus.NotApplicable, available.Label, available.Reason, display, TimeSpan.Zero, "", null);

        var reference = ReferenceFor(example, mode);
        var childLog = mode.MustRunDotnet ? Path.Combine(Path.GetTempPath(), $"pycompat-check-children-{Guid.NewGuid():N}.log") : null;
        RunResult run;
        ChildLog? children = null;
        try
        {
            var environment = childLog is null ? null : new Dictionary<string, string> { [ChildLog.Variable] = childLog };
            run = await ProcessRunner.RunAsync(command, examples.Folder, timeout, environment, cancellationToken).ConfigureAwait(false);
            if (childLog is not null)
                children = ChildLog.Read(childLog);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return Fail($"could not start: {e.Message}", TimeSpan.Zero, "", null);
        }
        finally
        {
            if (childLog is not null)
                File.Delete(childLog);
        }
        if (run.TimedOut)
            return Fail($"timed out after {timeout.TotalSeconds:0} s and was killed", run.Elapsed, "", run.Output);
        if (reference.Output is null)
            return Fail(reference.Problem!, run.Elapsed, "", run.Output);

        var actual = mode.Reference == Reference.Book ? reference.Live(run.Output) : run.Output;
        var comparison = OutputComparer.Compare(reference.Output, actual, policy, reference.Label, $"{mode.Name}: {display}", reference.Streams,
            reference.LineOffset, reference.Policy?.Invoke(policy));
        if (!comparison.Matches)
            return Fail($"differs from {(mode.Reference == Reference.Book ? "the book" : "the golden")} under {policy.Describe()}{reference.Note}",
                run.Elapsed, comparison.Diff, run.Output);
        var problem = children is null ? null : mode.Name == Mode.Port.Name ? children.ProblemForPort() : children.ProblemForMapped();
        if (problem is not null)
            return Fail($"the output matches, but {problem} ({ChildLog.Variable}); a {mode.Name} cell passes only when .NET ran the ports", run.Elapsed, "", run.Output);
        var note = children is not null ? children.Summary() : reference.Note.Length > 0 ? reference.Note.TrimStart(';', ' ') : null;
        return new CellResult(example, mode, CellStatus.Passed, "pass", note, display, run.Elapsed, "", run.Output);

        CellResult Fail(string reason, TimeSpan elapsed, string diff, ProgramOutput? output) =>
            new(example, mode, CellStatus.Failed, "FAIL", reason, display, elapsed, diff, output);
    }

    private string Display(string example, Mode mode) => tools.CommandFor(mode, example).Command?.Display
        ?? string.Join(' ', [mode.Tool == Tool.Python ? "python3" : "pycompat", .. mode.ArgumentsFor(example)]);

    /// <summary>What a run is compared with: the golden, or the book's transcript with its exceptions applied.</summary>
    private sealed record ReferenceText(ProgramOutput? Output, string Label, Streams Streams, int LineOffset, string? Problem)
    {
        /// <summary>The live output as the reference sees it (the book: stdout and stderr as one stream).</summary>
        public Func<ProgramOutput, ProgramOutput> Live { get; init; } = output => output;

        /// <summary>The policy for the reference's side, when it differs (the book's machine had other CPUs).</summary>
        public Func<Policies.ExamplePolicy, Policies.ExamplePolicy>? Policy { get; init; }

        /// <summary>E.g. <c>; book exceptions: wrapped, cpus</c>.</summary>
        public string Note { get; init; } = "";
    }

    private ReferenceText ReferenceFor(string example, Mode mode)
    {
        if (mode.Reference == Reference.Book)
        {
            var label = $"the book: $ python3 {example}.py";
            if (!examples.BookTranscripts.TryGetValue(example, out var transcript))
                return new ReferenceText(null, label, Streams.Stdout, 0,
                    examples.Policies.Books.Count == 0
                        ? "the policy file names no book"
                        : $"the book shows no '$ python3 {example}.py' transcript, and book-exceptions.txt names no no-transcript exception for it");
            var exceptions = examples.BookExceptionsOf(example);
            var book = exceptions.Aggregate(transcript, (text, e) => e.ApplyToBook(text));
            var cpus = exceptions.Select(e => e.Cpus).OfType<int>().FirstOrDefault();
            return new ReferenceText(new ProgramOutput(0, book, ""), label, Streams.Stdout, 0, null)
            {
                Live = output => output with { Stdout = exceptions.Aggregate(Merge(output.Stdout, output.Stderr), (text, e) => e.ApplyToLive(text)), Stderr = "" },
                Policy = cpus > 0 ? policy => policy with { Cpus = cpus } : null,
                Note = exceptions.Count == 0 ? "" : $"; book exceptions: {string.Join(", ", exceptions.Select(e => e.Kind))}",
            };
        }
        var path = examples.GoldenPath(example);
        var goldenLabel = $"golden/{example}.txt (CPython)";
        if (!File.Exists(path))
            return new ReferenceText(null, goldenLabel, Streams.All, 0, $"no golden at {path}; record it with `pycompat check --update`");
        try
        {
            var text = File.ReadAllText(path);
            var comments = text.Split('\n').TakeWhile(line => line.StartsWith('#')).Count();
            return new ReferenceText(GoldenText.Parse(text, path), goldenLabel, Streams.All, comments, null);
        }
        catch (FormatException e)
        {
            return new ReferenceText(null, goldenLabel, Streams.All, 0, $"the golden cannot be read ({e.Message}); record it again with `pycompat check --update`");
        }
    }

    // The book's generator ran each script with stderr sent to stdout; the order between them is the race's.
    private static string Merge(string stdout, string stderr) =>
        stdout.Length == 0 || stdout.EndsWith('\n') ? stdout + stderr : stdout + "\n" + stderr;
}
