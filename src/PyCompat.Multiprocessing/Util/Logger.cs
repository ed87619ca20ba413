namespace PyCompat.Multiprocessing;

/// <summary>
/// The logger <c>multiprocessing.get_logger()</c> returns: named <c>multiprocessing</c>, not propagating, with a level
/// and handlers as a Python <c>logging.Logger</c> has them. Get it with <see cref="Logging.GetLogger"/>.
/// </summary>
public sealed class Logger
{
    private readonly Lock _gate = new();
    private readonly List<LogHandler> _handlers = [];

    internal Logger(string name) => Name = name;

    /// <summary>The logger's name (<c>logger.name</c>): <c>multiprocessing</c>.</summary>
    public string Name { get; }

    /// <summary>The level set on this logger (<c>logger.level</c>); <see cref="LogLevel.NotSet"/> until one is set.</summary>
    public LogLevel Level { get; private set; }

    /// <summary>
    /// The level that decides what is logged (<c>logger.getEffectiveLevel()</c>): <see cref="Level"/>, or WARNING (the
    /// root logger's default) while it is NOTSET.
    /// </summary>
    public LogLevel EffectiveLevel => Level != LogLevel.NotSet ? Level : LogLevel.Warning;

    /// <summary>The handlers (<c>logger.handlers</c>).</summary>
    public IReadOnlyList<LogHandler> Handlers
    {
        get { lock (_gate) return [.. _handlers]; }
    }

    /// <summary>Sets the level (<c>logger.setLevel(level)</c>).</summary>
    public void SetLevel(LogLevel level) => Level = level;

    /// <summary>Adds a handler (<c>logger.addHandler(h)</c>); adding one twice keeps one.</summary>
    public void AddHandler(LogHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
            if (!_handlers.Contains(handler)) _handlers.Add(handler);
    }

    /// <summary>Removes a handler (<c>logger.removeHandler(h)</c>).</summary>
    public void RemoveHandler(LogHandler handler)
    {
        lock (_gate) _handlers.Remove(handler);
    }

    /// <summary>Whether a record at <paramref name="level"/> would be logged (<c>logger.isEnabledFor(level)</c>).</summary>
    public bool IsEnabledFor(LogLevel level) => level >= EffectiveLevel;

    /// <summary>Logs <paramref name="message"/> at <paramref name="level"/> (<c>logger.log(level, msg)</c>).</summary>
    public void Log(LogLevel level, string message)
    {
        if (!IsEnabledFor(level)) return;
        var current = Process.CurrentProcess();
        var record = new LogRecord(Name, level, message, current.Name, Environment.ProcessId);
        var handlers = Handlers;
        if (handlers.Count > 0)
        {
            foreach (var handler in handlers) handler.Emit(record);
        }
        else if (level >= LogLevel.Warning)
        {
            // Python's logging.lastResort: a logger with no handler still shows warnings, as bare messages on stderr.
            LastResort.Emit(record);
        }
    }

    /// <summary><c>logger.debug(msg)</c>.</summary>
    public void Debug(string message) => Log(LogLevel.Debug, message);

    /// <summary><c>logger.info(msg)</c>.</summary>
    public void Info(string message) => Log(LogLevel.Info, message);

    /// <summary><c>logger.warning(msg)</c>.</summary>
    public void Warning(string message) => Log(LogLevel.Warning, message);

    /// <summary><c>logger.error(msg)</c>.</summary>
    public void Error(string message) => Log(LogLevel.Error, message);

    /// <summary><c>logger.critical(msg)</c>.</summary>
    public void Critical(string message) => Log(LogLevel.Critical, message);

    private static readonly LogHandler LastResort = new();
}
