using System.Text.RegularExpressions;
using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>The book's queue scripts under --map --strict: every child (a target given a Queue, a Process subclass
/// carrying its queues as attributes) runs in .NET on the parent's queues, and the script prints what python3 prints.</summary>
[Collection(Alone.Name)]
public sealed partial class QueueExampleTests
{
    [Theory]
    [InlineData("multiprocessing_queue.py")]
    [InlineData("multiprocessing_producer_consumer.py")]
    public async Task The_books_queue_scripts_run_every_child_in_dotnet_and_print_what_python3_prints(string name)
    {
        using var launches = new WorkerLaunches();
        var script = Path.Combine(Run.BookExamples, name);

        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--strict"], script, environment: launches.Environment);

        Assert.True(actual.ExitCode == 0 && actual.StandardError == "", actual.ToString());
        // Which consumer takes which task is a race, in python3 as here.
        Assert.Equal(Normalised(expected), Normalised(actual));
        Assert.Equal(await Forks.CountAsync(script), launches.Pids.Count);
    }

    private static List<string> Normalised(RunResult result) =>
        [.. result.LineMultiset.Select(line => ConsumerNumber().Replace(line, "Consumer-N")).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"Consumer-\d+")]
    private static partial Regex ConsumerNumber();
}
