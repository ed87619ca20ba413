using PyCompat.Multiprocessing;
using PyCompat.Multiprocessing.Managers;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_manager_dict.py</c>: ten workers fill one dict that a manager's server holds.</summary>
[PyExample("multiprocessing_manager_dict")]
public static class MultiprocessingManagerDict
{
    /// <summary><c>def worker(d, key, value): d[key] = value</c></summary>
    [PyTarget("multiprocessing_manager_dict", "worker")]
    public static void Worker(DictProxy d, int key, int value) => d[key] = value;

    /// <summary>The script's <c>if __name__ == '__main__':</c> block; <c>multiprocessing.Manager()</c> is
    /// <c>Manager.Start()</c>.</summary>
    public static void Main()
    {
        using var mgr = Manager.Start();
        var d = mgr.Dict();
        var jobs = Enumerable.Range(0, 10)
            .Select(i => new Process(target: Worker, args: [d, i, i * 2]))
            .ToList();
        foreach (var j in jobs)
            j.Start();
        foreach (var j in jobs)
            j.Join();
        Console.WriteLine($"Results: {d}");
    }
}
