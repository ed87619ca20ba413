namespace PyCompat.Multiprocessing.Tests;

/// <summary>Many children at once and many in a row: no line lost or torn, no file descriptor leaked.</summary>
[Collection(nameof(ManyProcessesTests))]
public sealed class LoadTests
{
    [Fact]
    public async Task Two_hundred_concurrent_children_printing_a_hundred_lines_each_deliver_every_line_whole_and_once()
    {
        var result = await WorkerFeed.RunAsync(FaultTargets.StartPrinters, [200, 100]);

        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.StandardOutput.Split('\n');
        Assert.Equal("", lines[^1]);
        var counts = lines[..^1].GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(200 * 100, lines.Length - 1);
        for (var child = 0; child < 200; child++)
            for (var line = 0; line < 100; line++)
                Assert.Equal(1, counts.GetValueOrDefault($"child {child} line {line}"));
    }

    [Fact]
    public void A_thousand_sequential_processes_leak_no_file_descriptor()
    {
        var warm = new Process(target: Targets.DoNothing);
        warm.Start();
        warm.Join();
        var before = Directory.GetFiles("/proc/self/fd").Length;

        for (var i = 0; i < 1000; i++)
        {
            var p = new Process(target: Targets.DoNothing);
            p.Start();
            p.Join();
            Assert.Equal(0, p.ExitCode);
        }

        // The runtime may close an fd of its own meanwhile; a leak can only make the count grow.
        var after = Directory.GetFiles("/proc/self/fd").Length;
        Assert.True(after <= before, $"{after - before} file descriptors more than before");
    }
}
