namespace PyCompat.Multiprocessing.Managers;

/// <summary>How a .NET exception in a shared object's method reaches a client: as the Python exception a Python
/// user would catch for it ('#ERROR'), so CPython clients can <c>except KeyError</c>.</summary>
internal static class ServerErrors
{
    public static PythonError ToPython(Exception e) => e switch
    {
        PythonError python => python,
        KeyNotFoundException => PythonError.Builtin("KeyError", e.Message),
        IndexOutOfRangeException or ArgumentOutOfRangeException => PythonError.Builtin("IndexError", e.Message),
        InvalidCastException => PythonError.Builtin("TypeError", e.Message),
        ArgumentException or FormatException => PythonError.Builtin("ValueError", e.Message),
        NotImplementedException or NotSupportedException => PythonError.Builtin("NotImplementedError", e.Message),
        DivideByZeroException => PythonError.Builtin("ZeroDivisionError", e.Message),
        TimeoutException => PythonError.Builtin("TimeoutError", e.Message),
        IOException => PythonError.Builtin("OSError", e.Message),
        _ => PythonError.Builtin("RuntimeError", $"{e.GetType().Name}: {e.Message}"),
    };

    /// <summary>CPython's <c>format_exc()</c> text for an error outside the object's methods ('#TRACEBACK').</summary>
    public static string Traceback(Exception e)
    {
        var python = e as PythonError ?? ToPython(e);
        return "Traceback (most recent call last):\n  (in the .NET manager server)\n"
            + $"{python.TypeName}: {python.Message}\n";
    }
}
