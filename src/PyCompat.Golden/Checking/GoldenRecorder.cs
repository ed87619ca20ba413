using PyCompat.Golden.Modes;
using PyCompat.Golden.Outputs;
using PyCompat.Golden.Running;

namespace PyCompat.Golden.Checking;

/// <summary>
/// Records goldens from CPython (<c>pycompat check --update</c>): runs each script under <c>python3</c> and writes
/// its golden only when the recorded content differs, so an unchanged tree stays byte for byte the same.
/// </summary>
internal static class GoldenRecorder
{
    /// <summary>Records the goldens of <paramref name="names"/> (modules, which are not run, are skipped).</summary>
    public static async Task<IReadOnlyList<UpdateResult>> UpdateAsync(ExampleSet examples, Tools tools, IReadOnlyList<string> names,
        TimeSpan timeout, Action<UpdateResult>? finished = null, CancellationToken cancellationToken = default)
    {
        var results = new List<UpdateResult>();
        foreach (var name in names)
        {
            var policy = examples.Policy(name);
            if (!policy.Runs)
                continue;
            var result = await UpdateOneAsync(examples, tools, name, timeout, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            finished?.Invoke(result);
        }
        return results;
    }

    private static async Task<UpdateResult> UpdateOneAsync(ExampleSet examples, Tools tools, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var path = examples.GoldenPath(name);
        var (command, problem) = tools.CommandFor(Mode.Python3, name);
        if (command is null)
            return new UpdateResult(name, UpdateStatus.Failed, path, "", problem);
        var run = await ProcessRunner.RunAsync(command, examples.Folder, timeout, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (run.TimedOut)
            return new UpdateResult(name, UpdateStatus.Failed, path, "", $"{command.Display} timed out after {timeout.TotalSeconds:0} s");

        var text = GoldenFile.Render(run.Output, examples.Policy(name) with { Cpus = tools.Cpus }, tools.PythonVersion);
        var old = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
        if (old is not null && GoldenFile.SameContent(old, text))
            return new UpdateResult(name, UpdateStatus.Unchanged, path, "", null);

        Directory.CreateDirectory(examples.GoldenFolder);
        await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        var label = $"golden/{name}.txt";
        return new UpdateResult(name, old is null ? UpdateStatus.Created : UpdateStatus.Changed, path,
            OutputComparer.UnifiedDiff(old ?? "", text, label + " (before)", label + " (recorded now)"), null);
    }
}
