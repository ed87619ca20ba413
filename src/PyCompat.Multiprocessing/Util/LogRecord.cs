namespace PyCompat.Multiprocessing;

/// <summary>One logged event, with the fields Python's <c>logging.LogRecord</c> offers a format string.</summary>
/// <param name="LoggerName">The logger's name (<c>%(name)s</c>).</param>
/// <param name="Level">The level (<c>%(levelno)s</c>, and <c>%(levelname)s</c> by name).</param>
/// <param name="Message">The message, already formatted (<c>%(message)s</c>).</param>
/// <param name="ProcessName">The current process's name when it was logged (<c>%(processName)s</c>).</param>
/// <param name="ProcessId">The OS pid (<c>%(process)d</c>).</param>
public sealed record LogRecord(string LoggerName, LogLevel Level, string Message, string ProcessName, int ProcessId)
{
    /// <summary><c>%(levelname)s</c>: <c>INFO</c>, <c>DEBUG</c>, ... or <c>Level 5</c> for a level with no name.</summary>
    public string LevelName => LogLevelNames.Of(Level);
}
