using System.Reflection;

namespace PyCompat.Multiprocessing;

/// <summary>
/// Marks a class as the C# port of a whole Python script <c>NAME.py</c>; its public static <c>Main()</c> is the script's
/// body. <c>pycompat port NAME --ports YOUR.dll</c> runs it, and <c>pycompat check --examples DIR --ports YOUR.dll</c>
/// compares what it prints with what CPython printed for <c>DIR/NAME.py</c>. It lives here, beside
/// <see cref="PyTargetAttribute"/>, so that an assembly of ports needs no more than this package.
/// </summary>
/// <example><c>[PyExample("multiprocessing_simple")] public static class MultiprocessingSimple { public static void Main() ... }</c></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PyExampleAttribute(string name) : Attribute
{
    /// <summary>The script's file name without <c>.py</c>.</summary>
    public string Name { get; } = name;

    /// <summary>The <c>Main()</c> of every class in <paramref name="assemblies"/> marked <c>[PyExample]</c>, by script name.</summary>
    /// <exception cref="InvalidOperationException">a marked class has no public static <c>Main()</c>, or two ports name one script.</exception>
    internal static IReadOnlyDictionary<string, MethodInfo> PortsIn(IEnumerable<Assembly> assemblies)
    {
        var ports = new Dictionary<string, MethodInfo>(StringComparer.Ordinal);
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetCustomAttribute<PyExampleAttribute>() is not { } attribute)
                continue;
            var main = type.GetMethod("Main", BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes)
                ?? throw new InvalidOperationException($"{type.FullName} is marked [PyExample] but has no public static Main()");
            if (!ports.TryAdd(attribute.Name, main))
                throw new InvalidOperationException(
                    $"[PyExample(\"{attribute.Name}\")] marks both {ports[attribute.Name].DeclaringType!.FullName} and {type.FullName}; keep one");
        }
        return ports;
    }
}
