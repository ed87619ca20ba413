using System.Text;
using System.Text.RegularExpressions;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// Formats a .NET exception as CPython's <c>traceback.print_exc()</c> would lay it out, so a C# child's stderr reads
/// like a Python child's: <c>Traceback (most recent call last):</c>, one <c>File "...", line N, in name</c> per frame,
/// then <c>Type: message</c>.
/// </summary>
internal static partial class PythonTraceback
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

    private static IEnumerable<string> Frames(Exception error)
    {
        foreach (var line in (error.StackTrace ?? "").Split('\n'))
        {
            var match = FrameLine().Match(line.Trim());
            if (!match.Success) continue;
            var method = match.Groups["method"].Value;
            var name = method[(method.LastIndexOf('.', method.IndexOf('(') is var p and >= 0 ? p : method.Length - 1) + 1)..];
            var file = match.Groups["file"].Success ? match.Groups["file"].Value : "<unknown>";
            var lineNo = match.Groups["line"].Success ? match.Groups["line"].Value : "?";
            yield return $"  File \"{file}\", line {lineNo}, in {name.Split('(')[0]}\n";
        }
    }

    [GeneratedRegex(@"^at (?<method>.+?)(?: in (?<file>.+):line (?<line>\d+))?$")]
    private static partial Regex FrameLine();
}
