namespace PyCompat.Multiprocessing;

/// <summary>
/// Python's logging levels with the two that <c>multiprocessing.util</c> adds (<c>SUBDEBUG</c> = 5,
/// <c>SUBWARNING</c> = 25). Any other number is a level too, as in Python: <c>(LogLevel)15</c>.
/// </summary>
public enum LogLevel
{
    /// <summary><c>logging.NOTSET</c>: the logger defers to the root logger's level (WARNING).</summary>
    NotSet = 0,

    /// <summary><c>multiprocessing.SUBDEBUG</c>; Python has no name for it, so its lines read <c>[Level 5/...]</c>.</summary>
    SubDebug = 5,

    /// <summary><c>logging.DEBUG</c>.</summary>
    Debug = 10,

    /// <summary><c>logging.INFO</c>.</summary>
    Info = 20,

    /// <summary><c>multiprocessing.SUBWARNING</c>; its lines read <c>[Level 25/...]</c>, as in Python.</summary>
    SubWarning = 25,

    /// <summary><c>logging.WARNING</c>.</summary>
    Warning = 30,

    /// <summary><c>logging.ERROR</c>.</summary>
    Error = 40,

    /// <summary><c>logging.CRITICAL</c>.</summary>
    Critical = 50,
}

/// <summary>Level names as <c>logging.getLevelName</c> gives them.</summary>
internal static class LogLevelNames
{
    public static string Of(LogLevel level) => level switch
    {
        LogLevel.Critical => "CRITICAL",
        LogLevel.Error => "ERROR",
        LogLevel.Warning => "WARNING",
        LogLevel.Info => "INFO",
        LogLevel.Debug => "DEBUG",
        LogLevel.NotSet => "NOTSET",
        // multiprocessing never registers names for SUBDEBUG and SUBWARNING (Lib/multiprocessing/util.py).
        _ => $"Level {(int)level}",
    };
}
