namespace PyCompat.Multiprocessing.Tests.Util;

/// <summary>The exit-time finalizers run in CPython's order (multiprocessing.util._run_finalizers).</summary>
public sealed class FinalizerTests
{
    [Fact]
    public async Task Finalizers_run_in_the_order_cpythons_run_finalizers_runs_them_at_exit()
    {
        int[] priorities = [15, 10, -5, 0, 10, 15, -5, 0, 3];
        var python = await Python.RunAsync([Python.Script("finalizer_order.py"), .. priorities.Select(p => p.ToString())]);
        Assert.Equal(0, python.ExitCode);

        var registry = new Finalizers();
        var order = new List<string>();
        foreach (var (priority, i) in priorities.Select((p, i) => (p, i)))
            registry.Register(() => order.Add(i.ToString()), priority);
        registry.Run(minPriority: 0);
        order.Add("--");
        registry.Run();

        Assert.Equal(python.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), order);
    }

    [Fact]
    public void A_finalizer_that_ran_or_was_cancelled_does_not_run_at_exit_and_one_that_throws_does_not_stop_the_others()
    {
        var registry = new Finalizers();
        var ran = new List<string>();
        var early = registry.Register(() => ran.Add("early"), 5);
        var cancelled = registry.Register(() => ran.Add("cancelled"), 5);
        registry.Register(() => throw new InvalidOperationException("boom"), 4);
        registry.Register(() => ran.Add("after the one that threw"), 3);

        early.Run();
        early.Run();
        cancelled.Dispose();
        var stderr = Console.Error;
        var captured = new StringWriter();
        Console.SetError(captured);
        try
        {
            registry.Run(minPriority: 3);
        }
        finally
        {
            Console.SetError(stderr);
        }

        Assert.Equal(["early", "after the one that threw"], ran);
        Assert.Contains("boom", captured.ToString());
    }
}
