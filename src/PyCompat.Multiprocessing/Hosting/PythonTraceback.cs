using System.Text;
using System.Diagnostics;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// Formats a .NET exception as CPython's <c>traceback.print_exc()</c> would lay it out, so a C# child's stderr reads
/// like a Python child's: <c>Traceback (most recent call last):</c>, one <c>File "...", line N, in name</c> per frame,
/// then <c>Type: message</c>.
/// </summary>
internal static class PythonTraceback
{
    private static readonly Dictionary<Type, string> PythonNames = new()
    {
        [typeof(ArgumentException)] = "ValueError",
        [typeof(ArgumentOutOfRangeException)] = "ValueError",
        [typeof(FormatException)] = "ValueError",
        [typeof(InvalidCastException)] = "TypeError",
        [typeof(TargetArgumentException)] = "TypeError",
        [typeof(ArgumentNullException)] = "TypeError",
        [typeof(KeyNotFoundException)] = "KeyError",
        [typeof(IndexOutOfRangeException)] = "IndexError",
        [typeof(DivideByZeroException)] = "ZeroDivisionError",
        [typeof(OverflowException)] = "OverflowError",
        [typeof(NotImplementedException)] = "NotImplementedError",
        [typeof(NotSupportedException)] = "NotImplementedError",
        [typeof(FileNotFoundException)] = "FileNotFoundError",
        [typeof(IOException)] = "OSError",
        [typeof(InvalidOperationException)] = "RuntimeError",
        [typeof(OutOfMemoryException)] = "MemoryError",
        [typeof(TimeoutException)] = "TimeoutError",
        [typeof(SemaphoreFullException)] = "ValueError",
        [typeof(SynchronizationLockException)] = "AssertionError",
    };

    public static string Format(Exception error)
    {
        var text = new StringBuilder("Traceback (most recent call last):\n");
        // .NET lists the innermost frame first; Python lists it last.
        foreach (var frame in Frames(error).Reverse())
            text.Append(frame);
        text.Append(PythonName(error)).Append(": ").Append(error.Message).Append('\n');
        return text.ToString();
    }

    /// <summary>The Python exception name for a .NET exception; its own type name when Python has no counterpart.</summary>
    public static string PythonName(Exception error)
    {
        for (var type = error.GetType(); type is not null; type = type.BaseType)
            if (PythonNames.TryGetValue(type, out var name)) return name;
        return error.GetType().Name;
    }

    /// <summary>The target's own frames: the runtime's reflection plumbing and this host's (a pool worker's too) are
    /// left out, as CPython's own <c>_bootstrap</c> frames are the only ones above the target there.</summary>
    private static IEnumerable<string> Frames(Exception error)
    {
        foreach (var frame in new StackTrace(error, fNeedFileInfo: true).GetFrames())
        {
            var method = frame.GetMethod();
            var ns = method?.DeclaringType?.Namespace ?? "";
            if (method is null || ns.StartsWith("System", StringComparison.Ordinal) || ns == typeof(PythonTraceback).Namespace
                || ns == typeof(Pooling.PortedFunctions).Namespace)
                continue;
            var file = frame.GetFileName() ?? method.DeclaringType?.Assembly.GetName().Name ?? "<unknown>";
            var line = frame.GetFileLineNumber() is > 0 and var n ? n.ToString() : "?";
            yield return $"  File \"{file}\", line {line}, in {method.Name}\n";
        }
    }
}
