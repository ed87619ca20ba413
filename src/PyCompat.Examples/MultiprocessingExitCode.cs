using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_exitcode.py</c>: the exit code of each way a child can end, a terminated one included.</summary>
[PyExample("multiprocessing_exitcode")]
public static class MultiprocessingExitCode
{
    /// <summary><c>def exit_error(): sys.exit(1)</c></summary>
    [PyTarget("multiprocessing_exitcode", "exit_error")]
    public static void ExitError() => throw new SystemExit(1);

    /// <summary><c>def exit_ok(): return</c></summary>
    [PyTarget("multiprocessing_exitcode", "exit_ok")]
    public static void ExitOk()
    {
    }

    /// <summary><c>def return_value(): return 1</c>: a return value is not an exit code.</summary>
    [PyTarget("multiprocessing_exitcode", "return_value")]
    public static int ReturnValue() => 1;

    /// <summary><c>def raises(): raise RuntimeError('There was an error!')</c> (InvalidOperationException is RuntimeError).</summary>
    [PyTarget("multiprocessing_exitcode", "raises")]
    public static void Raises() => throw new InvalidOperationException("There was an error!");

    /// <summary><c>def terminated(): time.sleep(3)</c></summary>
    [PyTarget("multiprocessing_exitcode", "terminated")]
    public static void Terminated() => Thread.Sleep(TimeSpan.FromSeconds(3));

    /// <summary>The script's <c>if __name__ == "__main__":</c> block.</summary>
    public static void Main()
    {
        var jobs = new List<Process>();
        (Delegate Target, string Name)[] funcs =
        [
            (ExitError, "exit_error"),
            (ExitOk, "exit_ok"),
            (ReturnValue, "return_value"),
            (Raises, "raises"),
            (Terminated, "terminated"),
        ];
        foreach (var (f, name) in funcs)
        {
            Console.WriteLine($"Starting process for {name}");
            var j = new Process(target: f, name: name);
            jobs.Add(j);
            j.Start();
        }

        jobs[^1].Terminate();

        foreach (var j in jobs)
        {
            j.Join();
            Console.WriteLine($"{j.Name,15}.exitcode = {j.ExitCode}");
        }
    }
}
