using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Pooling;

/// <summary>
/// An exception a pool task raised in a worker, re-raised by <see cref="AsyncResult{T}.Get"/> and the map methods in
/// the parent: <see cref="PythonType"/> is the Python exception's class (<c>ValueError</c>), the message its
/// <c>str()</c>, and the <see cref="Exception.InnerException"/> a <see cref="RemoteTraceback"/> with the worker's
/// traceback text, as CPython's <c>rebuild_exc</c> sets <c>__cause__</c>.
/// </summary>
public sealed class TaskException : Exception
{
    internal TaskException(string pythonType, string message, RemoteTraceback? cause) : base(message, cause) =>
        PythonType = pythonType;

    /// <summary>The Python exception's class, e.g. <c>ValueError</c> or <c>multiprocessing.pool.MaybeEncodingError</c>.</summary>
    public string PythonType { get; }

    /// <summary>The worker's traceback text, or null when the pool did not wrap the exception.</summary>
    public string? RemoteTracebackText => (InnerException as RemoteTraceback)?.Message;

    /// <inheritdoc/>
    public override string ToString() => $"{PythonType}: {Message}" + (InnerException is null ? "" : $"\n{InnerException.Message}");

    /// <summary>The exception a worker's <c>(False, exc)</c> result carries, as decoded from its pickle.</summary>
    internal static Exception FromPickled(object? value)
    {
        if (value is PyObject { ViaReduce: true } rebuilt && rebuilt.Type == PoolNames.RebuildExc && rebuilt.Args.Count == 2)
            return Describe(rebuilt.Args[0], rebuilt.Args[1] is string tb ? new RemoteTraceback(tb) : null);
        return Describe(value, null);
    }

    private static TaskException Describe(object? exception, RemoteTraceback? cause)
    {
        if (exception is not PyObject pickled)
            return new TaskException("Exception", Hosting.PyTypeNames.Of(exception), cause);
        var type = pickled.Type.Module == "builtins" ? pickled.Type.Name : $"{pickled.Type.Module}.{pickled.Type.Name}";
        var message = pickled.Type == PoolNames.MaybeEncodingError && pickled.State is IReadOnlyDictionary<object?, object?> state
            ? $"Error sending result: '{state.GetValueOrDefault("value")}'. Reason: '{state.GetValueOrDefault("exc")}'"
            : pickled.Args.Count == 1 ? pickled.Args[0] as string ?? PyRepr.Repr(pickled.Args[0])
            : pickled.Args.Count == 0 ? "" : PyRepr.Repr(pickled.Args);
        return new TaskException(type, message, cause);
    }
}

/// <summary>CPython's <c>multiprocessing.pool.RemoteTraceback</c>: the worker's traceback, as text.</summary>
public sealed class RemoteTraceback : Exception
{
    internal RemoteTraceback(string traceback) : base(traceback) { }
}
