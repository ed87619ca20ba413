using System.Runtime.CompilerServices;
using PyCompat.Multiprocessing;
using PyCompat.Pickling;
using PyCompat.Multiprocessing.Pooling;

namespace PyCompat.Examples;

/// <summary>
/// Port of <c>multiprocessing_pool.py</c>: <c>pool.map</c> over 2*cpus workers, each announcing itself from the
/// initializer. <c>multiprocessing_pool_maxtasksperchild.py</c> is the same script with <c>maxtasksperchild=2</c>, so
/// the functions port both (<see cref="MultiprocessingPoolMaxTasksPerChild"/>).
/// </summary>
[PyExample("multiprocessing_pool")]
public static class MultiprocessingPool
{
    /// <summary><c>def do_calculation(data)</c>.</summary>
    [PyTarget("multiprocessing_pool", "do_calculation")]
    [PyTarget("multiprocessing_pool_maxtasksperchild", "do_calculation")]
    public static int DoCalculation(int data) => data * 2;

    /// <summary><c>def start_process()</c>: the initializer, run once in each worker.</summary>
    [PyTarget("multiprocessing_pool", "start_process")]
    [PyTarget("multiprocessing_pool_maxtasksperchild", "start_process")]
    public static void StartProcess() => Console.WriteLine($"Starting {Process.CurrentProcess().Name}");

    /// <summary>The script's <c>if __name__ == '__main__':</c> block.</summary>
    public static void Main() => Run(maxtasksperchild: null);

    internal static void Run(int? maxtasksperchild)
    {
        var inputs = Enumerable.Range(0, 10).ToList();
        Console.WriteLine($"Input   : {PyRepr.Repr(inputs)}");

        var builtinOutputs = inputs.Select(DoCalculation); // lazy, as Python's map object
        Console.WriteLine($"Built-in: <map object at 0x{RuntimeHelpers.GetHashCode(builtinOutputs):x}>");

        var poolSize = Environment.ProcessorCount * 2;
        var pool = new Pool(processes: poolSize, initializer: StartProcess, maxtasksperchild: maxtasksperchild);
        var poolOutputs = pool.Map(DoCalculation, inputs);
        pool.Close(); // no more tasks
        pool.Join(); // wrap up current tasks

        Console.WriteLine($"Pool    : {PyRepr.Repr(poolOutputs)}");
    }
}

/// <summary>Port of <c>multiprocessing_pool_maxtasksperchild.py</c>: a worker retires after two tasks and the pool starts another.</summary>
[PyExample("multiprocessing_pool_maxtasksperchild")]
public static class MultiprocessingPoolMaxTasksPerChild
{
    /// <summary>The script's <c>if __name__ == '__main__':</c> block.</summary>
    public static void Main() => MultiprocessingPool.Run(maxtasksperchild: 2);
}
