using PyCompat.Multiprocessing.Hosting;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Pooling;

/// <summary>
/// The messages a pool worker writes to the outqueue, shaped as CPython's <c>worker()</c> writes them:
/// <c>(job, i, (True, value))</c>, or <c>(job, i, (False, exc))</c> where, with <c>wrap_exception</c>, the exception
/// travels as <c>ExceptionWithTraceback</c> pickles it (<c>rebuild_exc(exc, '\n"""\n' + traceback + '"""')</c>), so the
/// parent re-raises it with the worker's traceback text as its cause.
/// </summary>
internal static class TaskResults
{
    /// <summary>Python's built-in exceptions a .NET exception is named as (Hosting/PythonTraceback.cs); any other
    /// travels as <c>Exception</c> whose message starts with the .NET type's name.</summary>
    private static readonly HashSet<string> Builtins =
    [
        "ValueError", "TypeError", "KeyError", "IndexError", "ZeroDivisionError", "OverflowError", "NotImplementedError",
        "FileNotFoundError", "OSError", "RuntimeError", "MemoryError", "TimeoutError", "AssertionError", "Exception",
    ];

    public static byte[] Success(object job, object index, object? value) =>
        ForkingPickler.Dumps(new PyTuple(job, index, new PyTuple(true, value)));

    public static byte[] Failure(object job, object index, Exception error, bool wrapException) =>
        ForkingPickler.Dumps(new PyTuple(job, index, new PyTuple(false, Encode(error, wrapException))));

    /// <summary>CPython's <c>MaybeEncodingError(e, value)</c> for a result that could not be pickled.</summary>
    public static byte[] EncodingError(object job, object index, Exception error, object? value)
    {
        var exc = $"{PythonTraceback.PythonName(error)}({PyRepr.Repr(error.Message)})";
        var repr = ReprOf(value);
        var encoded = new PyObject(PoolNames.MaybeEncodingError, new PyTuple(exc, repr),
            new PyDict { ["exc"] = exc, ["value"] = repr }, ViaReduce: true);
        return ForkingPickler.Dumps(new PyTuple(job, index, new PyTuple(false, encoded)));
    }

    /// <summary>The Python exception for <paramref name="error"/>, wrapped with its traceback text when asked.</summary>
    public static object Encode(Exception error, bool wrapException) =>
        wrapException ? WithTraceback(error, PoolNames.RebuildExc) : Exception(error);

    /// <summary>What CPython's <c>ExceptionWithTraceback</c> (pool.py) or <c>_ExceptionWithTraceback</c>
    /// (concurrent/futures/process.py) pickles as: <c>rebuild(exc, '\n"""\n' + traceback + '"""')</c>, which sets
    /// the parent's <c>exc.__cause__</c> to a remote traceback holding that text.</summary>
    public static object WithTraceback(Exception error, PyGlobal rebuild) =>
        new PyObject(rebuild, new PyTuple(Exception(error), "\n\"\"\"\n" + PythonTraceback.Format(error) + "\"\"\""), ViaReduce: true);

    /// <summary>The Python exception a .NET exception is named as; a value our pickler cannot write fails as
    /// CPython's pickle fails, with <c>pickle.PicklingError</c> (whose class lives in <c>_pickle</c>).</summary>
    private static PyObject Exception(Exception error)
    {
        if (error is PicklingError)
            return new PyObject(PicklingErrorClass, new PyTuple(error.Message), ViaReduce: true);
        if (error is SystemExit exit)
            return new PyObject(new PyGlobal("builtins", "SystemExit"), exit.Code is null ? PyTuple.Empty : new PyTuple(exit.Code), ViaReduce: true);
        var name = PythonTraceback.PythonName(error);
        var known = Builtins.Contains(name);
        return new PyObject(new PyGlobal("builtins", known ? name : "Exception"),
            new PyTuple(known ? error.Message : $"{name}: {error.Message}"), ViaReduce: true);
    }

    private static readonly PyGlobal PicklingErrorClass = new("_pickle", "PicklingError");

    private static string ReprOf(object? value)
    {
        try
        {
            return PyRepr.Repr(value);
        }
        catch (Exception)
        {
            return $"<{value?.GetType().FullName} object>";
        }
    }
}
