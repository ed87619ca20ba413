using System.Text.RegularExpressions;

namespace PyCompat.Multiprocessing;

/// <summary>
/// Python's <c>logging.StreamHandler</c> with a <c>logging.Formatter</c>: writes each record as one line, formatted by
/// a <c>%(field)s</c> string, and flushes, so lines of racing processes do not tear.
/// </summary>
public sealed partial class LogHandler
{
    private readonly Lock _gate = new();
    private readonly Func<TextWriter> _stream;

    /// <summary>A handler writing to <paramref name="stream"/> (by default the current stderr) with <paramref name="format"/>.</summary>
    /// <param name="format">Fields: <c>name</c>, <c>levelname</c>, <c>levelno</c>, <c>message</c>, <c>processName</c>,
    /// <c>process</c>; by default <c>%(message)s</c>, as Python's.</param>
    /// <param name="stream">Where lines go; null for <see cref="Console.Error"/> at the time of each line.</param>
    public LogHandler(string format = "%(message)s", TextWriter? stream = null)
    {
        Format = format;
        _stream = stream is null ? () => Console.Error : () => stream;
    }

    /// <summary>The format string, as <c>logging.Formatter(fmt)</c> takes it.</summary>
    public string Format { get; }

    /// <summary>The line for <paramref name="record"/>, without the newline.</summary>
    /// <exception cref="FormatException">the format names a field a record does not have.</exception>
    public string FormatRecord(LogRecord record) => Field().Replace(Format, match => match.Groups["name"].Value switch
    {
        "name" => record.LoggerName,
        "levelname" => record.LevelName,
        "levelno" => ((int)record.Level).ToString(),
        "message" => record.Message,
        "processName" => record.ProcessName,
        "process" => record.ProcessId.ToString(),
        var other => throw new FormatException($"log format {Format}: no field '{other}'; use name, levelname, levelno, message, processName or process"),
    });

    /// <summary>Writes the record's line and flushes (<c>StreamHandler.emit</c>).</summary>
    public void Emit(LogRecord record)
    {
        var line = FormatRecord(record) + "\n";
        lock (_gate)
        {
            var stream = _stream();
            stream.Write(line);
            stream.Flush();
        }
    }

    [GeneratedRegex(@"%\((?<name>\w+)\)[sd]")]
    private static partial Regex Field();
}
