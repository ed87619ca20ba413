using System.Collections.Concurrent;
using System.Reflection;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// Binds Python's <c>*args, **kwargs</c> to a C# method's parameters, with Python's messages when they do not fit
/// (<c>worker() missing 1 required positional argument: 'num'</c>).
/// </summary>
internal static class ArgumentBinder
{
    /// <summary>Each port's parameters, read once: a pool worker binds one call per item of a chunk, and
    /// <see cref="MethodBase.GetParameters"/> copies the array on every call.</summary>
    private static readonly ConcurrentDictionary<MethodInfo, ParameterInfo[]> Parameters = new();

    /// <exception cref="TargetArgumentException">the arguments do not fit the parameters.</exception>
    /// <param name="method">The C# port.</param>
    /// <param name="pythonName">The target's Python name, which the messages use as Python's would.</param>
    /// <param name="args">The positional arguments, decoded.</param>
    /// <param name="kwargs">The keyword arguments, decoded.</param>
    public static object?[] Bind(MethodInfo method, string pythonName, IReadOnlyList<object?> args,
        IReadOnlyList<KeyValuePair<string, object?>> kwargs)
    {
        var parameters = ParametersOf(method);
        // Formatted only for a message: a pool worker binds one call per item of a chunk.
        var display = new Display(pythonName);
        if (args.Count > parameters.Length)
            throw new TargetArgumentException(
                $"{display} takes {Count(parameters.Length, "positional argument")} but {args.Count} {(args.Count == 1 ? "was" : "were")} given");
        var values = new object?[parameters.Length];
        // The common call (a pool's map: one positional argument a parameter) binds every parameter by position;
        // the general path below says the same things for it, only slower.
        if (args.Count == parameters.Length && kwargs.Count == 0)
        {
            for (var i = 0; i < args.Count; i++) values[i] = Convert(display, i + 1, null, args[i], parameters[i]);
            return values;
        }
        var bound = new bool[parameters.Length];
        for (var i = 0; i < args.Count; i++)
        {
            values[i] = Convert(display, i + 1, null, args[i], parameters[i]);
            bound[i] = true;
        }
        foreach (var (key, value) in kwargs)
        {
            var index = Array.FindIndex(parameters, p => p.Name == key);
            if (index < 0) index = Array.FindIndex(parameters, p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase));
            if (index < 0) throw new TargetArgumentException($"{display} got an unexpected keyword argument '{key}'");
            if (bound[index]) throw new TargetArgumentException($"{display} got multiple values for argument '{key}'");
            values[index] = Convert(display, 0, key, value, parameters[index]);
            bound[index] = true;
        }
        var missing = parameters.Where((p, i) => !bound[i] && !p.HasDefaultValue).Select(p => $"'{p.Name}'").ToList();
        if (missing.Count > 0)
            throw new TargetArgumentException(
                $"{display} missing {Count(missing.Count, "required positional argument")}: {string.Join(" and ", missing)}");
        for (var i = 0; i < parameters.Length; i++)
            if (!bound[i]) values[i] = parameters[i].DefaultValue;
        return values;
    }

    /// <summary>The parameters of <paramref name="method"/>, read once.</summary>
    public static ParameterInfo[] ParametersOf(MethodInfo method) => Parameters.GetOrAdd(method, static m => m.GetParameters());

    /// <summary>
    /// The one-positional-argument call of a pool's map, bound for each item of a chunk: what <see cref="Bind"/> gives
    /// for <c>[value]</c> and no keywords (the same value, the same messages), without its per-call checks.
    /// </summary>
    /// <exception cref="TargetArgumentException">the value does not convert to the parameter.</exception>
    public static object?[] BindOne(ParameterInfo[] parameters, string pythonName, object? value) =>
        [Convert(new Display(pythonName), 1, null, value, parameters[0])];

    /// <summary><c>name()</c>, as the messages name the target.</summary>
    private readonly record struct Display(string PythonName)
    {
        public override string ToString() => $"{PythonName}()";
    }

    // The argument's position from 1, or its keyword (then position is 0).
    private static object? Convert(Display display, int position, string? key, object? value, ParameterInfo parameter)
    {
        if (ValueConverter.TryConvert(value, parameter.ParameterType, out var converted)) return converted;
        var where = key is null ? $"argument {position}" : $"argument '{key}'";
        throw new TargetArgumentException(
            $"{display} {where}: cannot convert Python {PyTypeNames.Of(value)} {Repr(value)} to {parameter.ParameterType.Name}");
    }

    private static string Repr(object? value)
    {
        try
        {
            var repr = PyRepr.Repr(value);
            return repr.Length > 60 ? repr[..57] + "..." : repr;
        }
        catch (Exception)
        {
            return $"<{value?.GetType().Name}>";
        }
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}

/// <summary>Python's <c>TypeError</c> for arguments that do not fit a target's parameters.</summary>
internal sealed class TargetArgumentException(string message) : Exception(message);
