using CliWrap;
using CliWrap.Buffered;
using PyCompat.Multiprocessing.Spawn;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>The worker host fed by hand on stdin (pipe_handle=0): bad input ends it with one clear line and exit 1.</summary>
public sealed class WorkerHostInputTests
{
    private static async Task<BufferedCommandResult> FeedAsync(byte[] input)
    {
        var worker = WorkerLocator.Locate();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        return await Cli.Wrap(worker.Executable)
            .WithArguments([.. worker.Prefix, .. SpawnCommandLine.Arguments(0)])
            .WithStandardInputPipe(PipeSource.FromBytes(input))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(guard.Token);
    }

    [Fact]
    public async Task Garbage_on_the_pipe_ends_the_child_with_one_line_and_exit_1()
    {
        var result = await FeedAsync("this is not a pickle at all"u8.ToArray());
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("pycompat-worker: cannot read the spawn request from fd 0:", result.StandardError);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_truncated_pickle_ends_the_child_with_one_line_and_exit_1()
    {
        var whole = Pickling.PyPickle.Dumps(new Dictionary<string, object?> { ["name"] = "Process-1", ["dir"] = "/" });
        var result = await FeedAsync(whole[..(whole.Length / 2)]);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("pycompat-worker: cannot read the spawn request from fd 0:", result.StandardError);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Run_by_hand_without_spawn_arguments_it_explains_itself_and_exits_2()
    {
        var worker = WorkerLocator.Locate();
        var result = await Cli.Wrap(worker.Executable).WithArguments(worker.Prefix)
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("started by multiprocessing, not by hand", result.StandardError);
    }
}
