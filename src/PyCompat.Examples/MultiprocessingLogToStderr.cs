using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_log_to_stderr.py</c>: stderr logging at DEBUG, in the parent and in the child.</summary>
[PyExample("multiprocessing_log_to_stderr")]
public static class MultiprocessingLogToStderr
{
    /// <summary><c>def worker(): print('Doing some work')</c></summary>
    [PyTarget("multiprocessing_log_to_stderr", "worker")]
    public static void Worker()
    {
        Console.WriteLine("Doing some work");
        Console.Out.Flush();
    }

    /// <summary>The script's <c>if __name__ == "__main__":</c> block.</summary>
    public static void Main()
    {
        Logging.LogToStderr(LogLevel.Debug);
        var p = new Process(target: Worker);
        p.Start();
        p.Join();
    }
}
