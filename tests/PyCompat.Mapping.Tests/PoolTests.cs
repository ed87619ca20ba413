using PyCompat.Mapping.Tests.Support;

namespace PyCompat.Mapping.Tests;

/// <summary>
/// CPython pools under <c>pycompat run --map</c>: their workers are .NET processes speaking CPython's worker loop;
/// ported functions run in .NET, the others in each worker's CPython helper. Expected output is python3's, run now.
/// </summary>
public sealed class PoolTests
{
    [Fact]
    public async Task Map_imap_imap_unordered_starmap_and_apply_async_print_what_python3_prints_for_every_chunksize()
    {
        using var log = new ChildLog();
        await AssertPrintsWhatPython3PrintsAsync("mapped_pool.py", log);
        // Every worker ran in .NET: 3, then 6 that maxtasksperchild=1 retires after one task each, and up to 2
        // replacements CPython's pool starts for the last ones before the with block terminates it (a race in
        // CPython's own pool: python3 starts 6 to 8 there too).
        Assert.InRange(log.Ports.Count(p => p == "multiprocessing.pool.worker"), 9, 11);
        foreach (var ported in new[] { "init", "triple", "add", "tagged", "fail", "opaque", "worker_pid" })
            Assert.Contains($"mapped_pool.{ported}", log.Ports);
        Assert.DoesNotContain("mapped_pool.square", log.Ports);
        // The functions without a port still ran, in CPython.
        Assert.Equal(["mapped_pool.raise_unpicklable", "mapped_pool.square"], log.RanInCpython.Distinct());
        Assert.Empty(await LeftBehind.ProcessesOfAsync(log));
    }

    [Fact]
    public async Task Results_and_arguments_of_ten_megabytes_and_a_million_items_cross_as_with_python3()
    {
        using var log = new ChildLog();
        await AssertPrintsWhatPython3PrintsAsync("mapped_pool_large.py", log);
        foreach (var ported in new[] { "big_bytes", "big_list", "length", "triple" })
            Assert.Contains($"mapped_pool_large.{ported}", log.Ports);
        Assert.Equal(["mapped_pool_large.big_bytes_py"], log.RanInCpython.Distinct());
        Assert.Empty(await LeftBehind.ProcessesOfAsync(log));
    }

    [Fact]
    public async Task A_killed_worker_is_replaced_and_terminate_while_tasks_run_leaves_no_worker()
    {
        using var log = new ChildLog();
        await AssertPrintsWhatPython3PrintsAsync("mapped_pool_faults.py", log);
        Assert.Equal(2, log.Ports.Count(p => p == "multiprocessing.pool.worker")); // the first and its replacement
        Assert.Contains("mapped_pool_faults.stall", log.Ports);
        Assert.Empty(await LeftBehind.ProcessesOfAsync(log));
    }

    /// <summary>The script under python3 and under pycompat run --map: both succeed, silent on stderr, with the same lines in order.</summary>
    private static async Task AssertPrintsWhatPython3PrintsAsync(string name, ChildLog log)
    {
        var script = Path.Combine(Run.Scripts, name);
        var expected = await Run.Python3Async(script);
        var actual = await Run.PycompatAsync(["--map", "--targets", Run.TestTargets], script, environment: log.Environment);

        Assert.True(expected.ExitCode == 0 && expected.StandardError == "", expected.ToString());
        Assert.True(actual.ExitCode == 0 && actual.StandardError == "", actual.ToString());
        Assert.Equal(expected.Lines, actual.Lines);
    }
}
