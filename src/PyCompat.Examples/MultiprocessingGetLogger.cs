using PyCompat.Multiprocessing;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_get_logger.py</c>: stderr logging at INFO, set on the logger after the fact.</summary>
[PyExample("multiprocessing_get_logger")]
public static class MultiprocessingGetLogger
{
    /// <summary><c>def worker(): print('Doing some work')</c></summary>
    [PyTarget("multiprocessing_get_logger", "worker")]
    public static void Worker()
    {
        Console.WriteLine("Doing some work");
        Console.Out.Flush();
    }

    /// <summary>The script's <c>if __name__ == "__main__":</c> block.</summary>
    public static void Main()
    {
        Logging.LogToStderr();
        var logger = Logging.GetLogger();
        logger.SetLevel(LogLevel.Info);
        var p = new Process(target: Worker);
        p.Start();
        p.Join();
    }
}
