using System.Reflection;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// Every C# port a worker host can resolve: the static methods marked <c>[PyTarget(module, name)]</c> in the built-in
/// assemblies, the <c>--targets</c> assemblies and those in <c>PYCOMPAT_TARGETS</c>, loaded exactly as the worker
/// host loads them, so what the catalog lists is what mapped mode runs.
/// </summary>
internal sealed class PortCatalog
{
    private PortCatalog(IReadOnlyList<Port> ports, IReadOnlyList<ClassPort> classes) => (Ports, Classes) = (ports, classes);

    /// <summary>The ports, ordered by Python module and name.</summary>
    public IReadOnlyList<Port> Ports { get; }

    /// <summary>The classes marked <c>[PyClass(module, name)]</c>, ordered by Python module and name.</summary>
    public IReadOnlyList<ClassPort> Classes { get; }

    /// <summary>Loads the assemblies and lists their ports.</summary>
    /// <param name="builtIn">Assemblies already loaded whose ports are always available.</param>
    /// <param name="assemblyPaths">More assemblies, as paths (the <c>--targets</c> option).</param>
    /// <exception cref="IOException">an assembly could not be read.</exception>
    /// <exception cref="BadImageFormatException">a path is not a .NET assembly.</exception>
    public static PortCatalog Load(IEnumerable<Assembly> builtIn, IEnumerable<string> assemblyPaths)
    {
        var resolver = new TargetResolver(builtIn, assemblyPaths);
        var ports = new List<Port>();
        var classes = new List<ClassPort>();
        foreach (var assembly in resolver.Assemblies.Distinct())
            foreach (var type in LoadableTypes(assembly))
            {
                foreach (var marked in type.GetCustomAttributes<PyClassAttribute>(inherit: false))
                    classes.Add(new ClassPort(marked.Module, marked.Name, type));
                foreach (var method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    foreach (var target in method.GetCustomAttributes<PyTargetAttribute>())
                        ports.Add(new Port(target.Module, target.Name, method));
            }
        return new PortCatalog(
            [.. ports.OrderBy(p => p.Module, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)],
            [.. classes.OrderBy(c => c.Module, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal)]);
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }
}

/// <summary>One C# port: the Python function it replaces and the static method that runs instead.</summary>
/// <param name="Module">The Python module, as <c>[PyTarget]</c> names it.</param>
/// <param name="Name">The function's name in that module.</param>
/// <param name="Method">The C# static method.</param>
internal sealed record Port(string Module, string Name, MethodInfo Method)
{
    /// <summary><c>module.name</c>, as Python names the function.</summary>
    public string PythonName => $"{Module}.{Name}";
}

/// <summary>One C# class that ports a Python class (<c>[PyClass(module, name)]</c>): a pickled instance of the Python
/// class becomes an instance of <paramref name="Type"/>; a Process subclass runs its <c>Run()</c> in .NET.</summary>
/// <param name="Module">The Python module, as <c>[PyClass]</c> names it.</param>
/// <param name="Name">The class's name in that module.</param>
/// <param name="Type">The C# class.</param>
internal sealed record ClassPort(string Module, string Name, Type Type)
{
    /// <summary><c>module.name</c>, as Python names the class.</summary>
    public string PythonName => $"{Module}.{Name}";

    /// <summary>Whether the C# class derives from <see cref="Process"/>.</summary>
    public bool IsProcess => Type.IsSubclassOf(typeof(Process));

    /// <summary>Whether the C# Process subclass overrides <c>Run()</c>.</summary>
    public bool OverridesRun => IsProcess && Process.OverridesRunIn(Type);
}
