using System.Reflection;
using PyCompat.Multiprocessing.Hosting;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Pooling;

/// <summary>
/// The one place a .NET pool worker (<see cref="PoolWorker"/>, <see cref="ExecutorWorker"/>) turns a pickled function
/// into its <c>[PyTarget]</c> port and calls it: each function is resolved once, logged once
/// (<c>PYCOMPAT_CHILD_LOG</c>: <c>PID module.name</c> for a port, <c>PID pool:cpython module.name</c> for one handed to
/// the CPython helper), and called with its arguments converted as a <c>Process</c> target's are.
/// </summary>
internal sealed class PortedFunctions
{
    private readonly TargetResolver _resolver;
    private readonly string? _mainModule;
    private readonly Dictionary<PyGlobal, MethodInfo?> _ports = [];
    private readonly HashSet<string> _inCpython = [];

    public PortedFunctions(TargetResolver resolver, string? mainModule)
    {
        _resolver = resolver;
        _mainModule = mainModule;
    }

    /// <summary>The port of <paramref name="function"/>, or null when it has none.</summary>
    public MethodInfo? Port(PyGlobal function)
    {
        if (!_ports.TryGetValue(function, out var method))
        {
            _ports[function] = method = _resolver.TryResolve(function, _mainModule);
            if (method is not null) ChildLog.Record(NameOf(function));
        }
        return method;
    }

    /// <summary>Calls the port of <paramref name="function"/>; the port's own exception propagates unwrapped.</summary>
    public static object? Call(MethodInfo method, PyGlobal function, IReadOnlyList<object?> args,
        IReadOnlyList<KeyValuePair<string, object?>> kwargs)
    {
        var values = ArgumentBinder.Bind(method, function.Name, args, kwargs);
        return method.Invoke(WorkerEntry.Receiver(method), BindingFlags.DoNotWrapExceptions, null, values, null);
    }

    /// <summary>
    /// <c>mapstar</c> (<c>list(map(function, chunk))</c>) or, with <paramref name="star"/>, <c>starmapstar</c>
    /// (<c>list(itertools.starmap(function, chunk))</c>) of a chunk, in order: each item is bound and called as
    /// <see cref="Call"/> calls it, but the receiver and the parameters are found once for the chunk. The first item
    /// that raises ends the chunk with its exception, as in CPython.
    /// </summary>
    public static List<object?> CallEach(MethodInfo method, PyGlobal function, IEnumerable<object?> chunk, bool star)
    {
        var receiver = WorkerEntry.Receiver(method);
        var parameters = ArgumentBinder.ParametersOf(method);
        var results = new List<object?>(chunk is IReadOnlyCollection<object?> sized ? sized.Count : 0);
        var one = !star && parameters.Length == 1;
        if (one && Typed(method, receiver, parameters, function.Name) is { } typed)
        {
            foreach (var item in chunk) results.Add(typed(item));
            return results;
        }
        foreach (var item in chunk)
        {
            var values = one ? ArgumentBinder.BindOne(parameters, function.Name, item)
                : ArgumentBinder.Bind(method, function.Name, star ? ArgsOf(item) : [item], []);
            results.Add(method.Invoke(receiver, BindingFlags.DoNotWrapExceptions, null, values, null));
        }
        return results;
    }

    /// <summary>
    /// A typed delegate for a port of the commonest map signatures (<c>long f(long)</c>, <c>int f(int)</c>,
    /// <c>double f(double)</c>), called without reflection's invoke and its argument array: about half of a tiny
    /// function's time per item. An int or float item is passed as is; anything else is converted as
    /// <see cref="ArgumentBinder.BindOne"/> converts it (and fails with its message). Null for other signatures.
    /// </summary>
    private static Func<object?, object?>? Typed(MethodInfo method, object? receiver, ParameterInfo[] parameters, string name)
    {
        var type = parameters[0].ParameterType;
        if (method.ReturnType != type) return null;
        if (type == typeof(long))
        {
            var f = method.CreateDelegate<Func<long, long>>(receiver);
            return x => f(x switch { long l => l, int i => i, _ => (long)ArgumentBinder.BindOne(parameters, name, x)[0]! });
        }
        if (type == typeof(int))
        {
            var f = method.CreateDelegate<Func<int, int>>(receiver);
            return x => f(x is int i ? i : (int)ArgumentBinder.BindOne(parameters, name, x)[0]!);
        }
        if (type == typeof(double))
        {
            var f = method.CreateDelegate<Func<double, double>>(receiver);
            return x => f(x is double d ? d : (double)ArgumentBinder.BindOne(parameters, name, x)[0]!);
        }
        return null;
    }

    /// <summary>Logs, once per name, that a task of <paramref name="name"/> went to the CPython helper.</summary>
    public void RanInCpython(string name)
    {
        if (_inCpython.Add(name)) ChildLog.RanInCpython(name);
    }

    /// <summary><c>module.name</c>, <c>__main__</c> as the script's name (what the child log and the resolver use).</summary>
    public string NameOf(PyGlobal function) =>
        $"{(function.Module == "__main__" && _mainModule is not null ? _mainModule : function.Module)}.{function.Name}";

    /// <summary>A pickled argument tuple as a list (a lone value as one argument).</summary>
    public static IReadOnlyList<object?> ArgsOf(object? args) => args switch
    {
        null => [],
        PyTuple tuple => tuple,
        IEnumerable<object?> items => [.. items],
        _ => [args],
    };

    /// <summary>A pickled keyword dict as name/value pairs (none for anything else).</summary>
    public static IReadOnlyList<KeyValuePair<string, object?>> KwargsOf(object? kwds) =>
        kwds is IReadOnlyDictionary<object?, object?> dict
            ? dict.Select(e => new KeyValuePair<string, object?>(e.Key as string ?? "", e.Value)).ToList()
            : [];
}
