namespace PyCompat.Multiprocessing;

/// <summary>
/// <c>multiprocessing.get_logger()</c>, <c>multiprocessing.log_to_stderr()</c> and the helpers of
/// <c>multiprocessing.util</c> that log at multiprocessing's own levels. Nothing is logged until
/// <see cref="GetLogger"/> or <see cref="LogToStderr"/> is called, as in Python. A child started by a
/// <see cref="Process"/> inherits the setting: the spawn preparation data carry <c>log_to_stderr</c> and
/// <c>log_level</c>, as CPython's do, and a .NET child and a CPython child both honour them.
/// </summary>
/// <example>
/// Python <c>multiprocessing.log_to_stderr(logging.DEBUG)</c> is <c>Logging.LogToStderr(LogLevel.Debug)</c>; each
/// process then writes lines such as <c>[INFO/Process-1] child process calling self.run()</c> to stderr.
/// </example>
public static class Logging
{
    /// <summary>The logger's name, as <c>multiprocessing.util.LOGGER_NAME</c>.</summary>
    public const string LoggerName = "multiprocessing";

    /// <summary>The format <see cref="LogToStderr"/> uses, as <c>multiprocessing.util.DEFAULT_LOGGING_FORMAT</c>.</summary>
    public const string DefaultFormat = "[%(levelname)s/%(processName)s] %(message)s";

    private static readonly Lock Gate = new();
    private static Logger? _logger;

    /// <summary>Whether <see cref="LogToStderr"/> was called in this process (<c>util._log_to_stderr</c>).</summary>
    public static bool IsLoggingToStderr { get; private set; }

    /// <summary>The multiprocessing logger, made on first use (<c>multiprocessing.get_logger()</c>).</summary>
    public static Logger GetLogger()
    {
        lock (Gate) return _logger ??= new Logger(LoggerName);
    }

    /// <summary>
    /// Adds a handler that writes to stderr in <see cref="DefaultFormat"/> and, when <paramref name="level"/> is given
    /// (and not NOTSET), sets the level (<c>multiprocessing.log_to_stderr(level)</c>). Each call adds one more handler, as
    /// in Python.
    /// </summary>
    public static Logger LogToStderr(LogLevel? level = null)
    {
        var logger = GetLogger();
        logger.AddHandler(new LogHandler(DefaultFormat));
        if (level is { } l && l != LogLevel.NotSet) logger.SetLevel(l);
        IsLoggingToStderr = true;
        return logger;
    }

    /// <summary>The logger if one was made, else null: what the spawn preparation data read (<c>util._logger</c>).</summary>
    internal static Logger? ExistingLogger
    {
        get { lock (Gate) return _logger; }
    }

    /// <summary><c>util.sub_debug(msg)</c>: logs at SUBDEBUG if the logger exists.</summary>
    public static void SubDebug(string message) => ExistingLogger?.Log(LogLevel.SubDebug, message);

    /// <summary><c>util.debug(msg)</c>: logs at DEBUG if the logger exists.</summary>
    public static void Debug(string message) => ExistingLogger?.Log(LogLevel.Debug, message);

    /// <summary><c>util.info(msg)</c>: logs at INFO if the logger exists.</summary>
    public static void Info(string message) => ExistingLogger?.Log(LogLevel.Info, message);

    /// <summary><c>util.sub_warning(msg)</c>: logs at SUBWARNING if the logger exists.</summary>
    public static void SubWarning(string message) => ExistingLogger?.Log(LogLevel.SubWarning, message);

    /// <summary>What a spawned child does with the parent's settings (<c>spawn.prepare</c>).</summary>
    internal static void Prepare(bool logToStderr, int? level)
    {
        if (logToStderr) LogToStderr();
        if (level is { } l) GetLogger().SetLevel((LogLevel)l);
    }
}
