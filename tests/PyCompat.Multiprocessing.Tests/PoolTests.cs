using PyCompat.Multiprocessing.Pooling;
using PyCompat.Pickling;
using Event = PyCompat.Multiprocessing.Synchronize.Event;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// The C# Pool, its workers real .NET children speaking CPython's worker loop: what it returns is what CPython's own
/// Pool returns for the same calls (python/pool_reference.py, run now), and its faults end as CPython's do.
/// </summary>
public sealed class PoolTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("1")]
    [InlineData("default")]
    [InlineData("1000")]
    public async Task Map_imap_imap_unordered_starmap_and_apply_async_return_what_cpythons_pool_returns(string chunksize)
    {
        const int count = 23;
        var expected = await Python.RunAsync([Python.Script("pool_reference.py"), chunksize, count.ToString()]);
        Assert.True(expected.ExitCode == 0, expected.ToString());
        int? size = chunksize == "default" ? null : int.Parse(chunksize);
        var data = Enumerable.Range(0, count).Select(x => (long)x).ToList();

        var lines = new List<string>();
        using (var pool = new Pool(3, initializer: PoolTargets.Init, initargs: ["w"]))
        {
            lines.Add($"map {PyRepr.Repr(pool.Map(PoolTargets.Triple, data, size))}");
            lines.Add($"map_async {PyRepr.Repr(pool.MapAsync(PoolTargets.Triple, data, size).Get(Patience))}");
            lines.Add($"starmap {PyRepr.Repr(pool.Starmap<long>(PoolTargets.Add, data.Select(x => new object?[] { x, x * x }), size))}");
            lines.Add($"imap {PyRepr.Repr(pool.Imap(PoolTargets.Triple, data, size ?? 1).ToList())}");
            lines.Add($"imap_unordered {PyRepr.Repr(pool.ImapUnordered(PoolTargets.Triple, data, size ?? 1).Order().ToList())}");
            lines.Add($"apply_async {PyRepr.Repr(data.Take(5).Select(x => pool.ApplyAsync<long>(PoolTargets.Triple, [x])).ToList().Select(r => r.Get(Patience)).ToList())}");
            lines.Add($"initializer {PyRepr.Repr(pool.Map(PoolTargets.Tagged, data.Take(6), 1).Distinct().Order(StringComparer.Ordinal).ToList())}");
        }
        using (var pool = new Pool(2, maxtasksperchild: 1))
            lines.Add($"distinct workers {pool.Map(PoolTargets.WorkerPid, Enumerable.Range(0, 6), 1).Distinct().Count()}");

        Assert.Equal(expected.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), lines);
    }

    [Fact]
    public async Task Workers_are_named_as_cpythons_spawned_pool_workers_and_a_result_is_awaitable()
    {
        using var pool = new Pool(2);
        Assert.Equal(12, await pool.ApplyAsync<long>(PoolTargets.Triple, [4]));
        Assert.All(pool.Workers, w => Assert.Matches(@"^SpawnPoolWorker-\d+$", w.Name));
        Assert.All(pool.Workers, w => Assert.True(w.Daemon));
    }

    [Fact]
    public void A_task_that_raises_is_re_raised_in_the_parent_with_the_workers_traceback_text()
    {
        using var pool = new Pool(1);
        var result = pool.ApplyAsync<int>(PoolTargets.Fail, [3]);
        var error = Assert.Throws<TaskException>(() => result.Get(Patience));

        Assert.Equal("ValueError", error.PythonType);
        Assert.Equal("bad 3", error.Message);
        Assert.StartsWith("\n\"\"\"\nTraceback (most recent call last):\n", error.RemoteTracebackText);
        Assert.Contains("in Fail\n", error.RemoteTracebackText);
        Assert.EndsWith("ValueError: bad 3\n\"\"\"", error.RemoteTracebackText);
        Assert.True(result.Ready());
        Assert.False(result.Successful());
        var map = Assert.Throws<TaskException>(() => pool.Map(PoolTargets.Fail, Enumerable.Range(0, 4), 2));
        Assert.Equal("bad 0", map.Message);
    }

    [Fact]
    public void A_result_that_cannot_be_pickled_fails_its_task_with_maybe_encoding_error()
    {
        using var pool = new Pool(1);
        var error = Assert.Throws<TaskException>(() => pool.Apply<object>(PoolTargets.Opaque, [1]));
        Assert.Equal("multiprocessing.pool.MaybeEncodingError", error.PythonType);
        Assert.StartsWith("Error sending result: '<System.IO.MemoryStream object>'. Reason: 'PicklingError(", error.Message);
        Assert.Equal(2, pool.Apply<long>(PoolTargets.Triple, [2L]) / 3); // the worker lives on
    }

    [Fact]
    public async Task Results_and_arguments_of_ten_megabytes_and_a_million_items_are_what_cpythons_pool_returns()
    {
        const int tenMb = 10 * 1024 * 1024, million = 1000 * 1000;
        var expected = await Python.RunAsync([Python.Script("pool_large_reference.py")]);
        Assert.True(expected.ExitCode == 0, expected.ToString());

        var lines = new List<string>();
        List<int> workerPids;
        using (var pool = new Pool(2))
        {
            workerPids = [.. pool.Workers.Select(w => w.Pid!.Value)];
            var data = pool.Apply<byte[]>(PoolTargets.BigBytes, [tenMb]);
            lines.Add($"bytes result {data.Length} {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data))}");
            var values = pool.Apply<List<long>>(PoolTargets.BigList, [million]);
            lines.Add($"list result {values.Count} {values.Sum()} {values[^1]}");
            lines.Add($"bytes argument {pool.Apply<int>(PoolTargets.BytesLength, [Enumerable.Repeat((byte)'x', tenMb).ToArray()])}");
            lines.Add($"list argument {pool.Apply<int>(PoolTargets.ListLength, [Enumerable.Range(0, million).Select(x => (long)x).ToList()])}");
            var results = pool.Map(PoolTargets.Triple, Enumerable.Range(0, million).Select(x => (long)x), million / 2);
            lines.Add($"two chunks of half a million {results.Count} {results.Sum()}");
        }

        Assert.Equal(expected.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), lines);
        // Disposing the pool ended and reaped every worker (and closed them, so their state is gone: ask the OS).
        Assert.All(workerPids, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"worker {pid} is still there"));
    }

    [Fact]
    public void A_worker_killed_mid_task_is_replaced_and_its_task_is_lost_as_in_cpython()
    {
        using var started = new Event();
        using var pool = new Pool(1, initializer: PoolTargets.InitStarted, initargs: [started]);
        var first = pool.Workers[0];
        var lost = pool.ApplyAsync<int>(PoolTargets.Stall, [30]);
        Assert.True(started.Wait(Patience));

        first.Kill();

        Assert.Throws<TimeoutException>(() => lost.Get(TimeSpan.FromSeconds(3)));
        Assert.Equal(6, pool.Apply<long>(PoolTargets.Triple, [2L]));
        Assert.Equal(-9, first.ExitCode);
        Assert.NotEqual(first.Pid, pool.Workers[0].Pid);
        Assert.False(lost.Ready());
    }

    [Fact]
    public void Terminate_while_tasks_run_stops_every_worker_without_waiting_for_them()
    {
        using var started = new Event();
        var pool = new Pool(2, initializer: PoolTargets.InitStarted, initargs: [started]);
        var running = pool.MapAsync(PoolTargets.Stall, [30, 30, 30], 1);
        Assert.True(started.Wait(Patience));
        var workers = pool.Workers;

        pool.Terminate();
        pool.Join();

        Assert.All(workers, w => Assert.Equal(-15, w.ExitCode));
        Assert.False(running.Ready());
        Assert.Throws<InvalidOperationException>(() => pool.Map(PoolTargets.Triple, [1L]));
    }

    [Fact]
    public async Task The_default_chunksize_is_the_one_cpythons_map_async_computes()
    {
        int[] lengths = [0, 1, 11, 12, 13, 40, 41, 1000];
        const string code = "import multiprocessing, sys\n"
            + "if __name__ == '__main__':\n"
            + "    with multiprocessing.Pool(3) as pool:\n"
            + "        print(*(pool.map_async(abs, range(n))._chunksize for n in map(int, sys.argv[1:])))\n";
        var expected = await Python.RunAsync(["-c", code, .. lengths.Select(n => n.ToString())]);
        Assert.True(expected.ExitCode == 0, expected.ToString());

        Assert.Equal(expected.StandardOutput.Trim(), string.Join(' ', lengths.Select(n => Chunks.DefaultSize(n, 3))));
    }
}
