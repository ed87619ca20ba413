using CliWrap;
using CliWrap.Buffered;
using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// Runs a C# target as a worker host child whose stdout and stderr the test captures: the spawn request goes in on
/// stdin (spawn_main(pipe_handle=0)), so the target and any children it starts write to pipes the test reads.
/// </summary>
public static class WorkerFeed
{
    public static async Task<BufferedCommandResult> RunAsync(Delegate target, object?[] args, CancellationToken cancel = default)
    {
        var parent = new Process(target, args);
        byte[] request = [.. ProcessObjectWriter.PreparationData(parent, [target.Method.DeclaringType!.Assembly.Location]),
            .. ProcessObjectWriter.ProcessObject(parent, new PyCompat.Multiprocessing.Reduction.SpawningPopen())];
        var worker = WorkerLocator.Locate();
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        guard.CancelAfter(TimeSpan.FromMinutes(3));
        return await Cli.Wrap(worker.Executable)
            .WithArguments([.. worker.Prefix, .. SpawnCommandLine.Arguments(0)])
            .WithEnvironmentVariables(new Dictionary<string, string?> { ["PYTHONUNBUFFERED"] = null })
            .WithStandardInputPipe(PipeSource.FromBytes(request))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(guard.Token);
    }
}
