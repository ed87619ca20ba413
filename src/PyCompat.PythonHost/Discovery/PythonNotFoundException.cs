namespace PyCompat.PythonHost.Discovery;

/// <summary>
/// No usable CPython: the message is one line that says what was found and what to pass instead.
/// </summary>
public sealed class PythonNotFoundException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public PythonNotFoundException(string message) : base(message)
    {
    }

    /// <summary>What every message ends with: how to point the runner at a usable interpreter.</summary>
    internal const string Remedy =
        "pass --python with a CPython 3.9+ interpreter built with --enable-shared (or its libpython3.X.so), " +
        "or set PYCOMPAT_PYTHON";
}
