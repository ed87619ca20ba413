using PyCompat.Multiprocessing;

namespace PyCompat.Mapping.TestTargets;

/// <summary>C# port of <c>mapped_logging.py</c>'s target: the same messages at the same levels.</summary>
public static class LoggingPorts
{
    [PyTarget("mapped_logging", "log_every_level")]
    public static void LogEveryLevel(int level)
    {
        var logger = Logging.GetLogger();
        Console.WriteLine($"child level {(int)logger.EffectiveLevel} {logger.Name}");
        Console.Out.Flush();
        Logging.SubDebug("sub_debug from child");
        Logging.Debug("debug");
        Logging.Info("info");
        Logging.SubWarning("sub_warning");
        logger.Warning("warning");
        logger.Error("error");
        logger.Critical("critical");
        logger.Log((LogLevel)15, "fifteen");
    }
}
