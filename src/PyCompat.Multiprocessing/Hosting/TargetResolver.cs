using System.Reflection;
using System.Runtime.Loader;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// Finds the C# method that runs a pickled target: a static method marked <c>[PyTarget(module, name)]</c>, or, for
/// targets a C# parent named by their CLR names, <c>Type.FullName</c> and method name.
/// </summary>
internal sealed class TargetResolver
{
    /// <summary>More assemblies with ports, separated by the path separator (':' here), for a Python parent's children.</summary>
    public const string TargetsVariable = "PYCOMPAT_TARGETS";

    private readonly List<Assembly> _assemblies = [];

    /// <summary>Assemblies a NativeAOT worker was given and could not load (it loads none at run time).</summary>
    private readonly List<string> _notLoaded = [];

    public TargetResolver(IEnumerable<Assembly> builtIn, IEnumerable<string> assemblyPaths)
    {
        var extra = (Environment.GetEnvironmentVariable(TargetsVariable) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var known = builtIn.ToList();
        // A C# parent names its target's assembly even when it is a built-in one: that needs no loading (and a
        // NativeAOT worker could not load it).
        foreach (var path in assemblyPaths.Concat(extra))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (known.Any(a => string.Equals(a.GetName().Name, name, StringComparison.Ordinal))) continue;
            if (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
            {
                _assemblies.Add(Load(path));
                continue;
            }
            // A NativeAOT worker loads nothing: it has its ports and PyCompat compiled in. A C# parent names the
            // assemblies it runs from too (a C# Pool its worker loop's, PyCompat.Multiprocessing, and the program's
            // own), so one compiled in is used and any other is only noted: the target may well be in the image, and
            // when it is not, Resolve says why.
            if (AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == name) is { } compiledIn)
                _assemblies.Add(compiledIn);
            else
                _notLoaded.Add(Path.GetFullPath(path));
        }
        _assemblies.AddRange(known);
    }

    public IReadOnlyList<Assembly> Assemblies => _assemblies;

    /// <exception cref="MissingMethodException">no assembly has a port of the target; the message says how to add one.</exception>
    /// <param name="target">The target as the pickled process object names it.</param>
    /// <param name="mainModule">What <c>__main__</c> stands for (the parent's script name).</param>
    /// <param name="clrMethod">The exact method, when a C# parent named it: looked up directly, no scan.</param>
    public MethodInfo Resolve(PyGlobal target, string? mainModule, ClrMethod? clrMethod = null)
    {
        if (TryResolve(target, mainModule, clrMethod) is { } method) return method;
        var module = target.Module == "__main__" && mainModule is not null ? mainModule : target.Module;
        var searched = string.Join(", ", _assemblies.Distinct().Select(a => a.GetName().Name));
        if (_notLoaded.Count > 0)
            throw new MissingMethodException(
                $"no C# port of Python target {module}.{target.Name} is compiled into this NativeAOT pycompat-worker " +
                $"(searched {searched}), and it cannot load {string.Join(", ", _notLoaded)} at run time: compile that " +
                $"assembly into the worker, or use the JIT pycompat-worker (unset {Spawn.WorkerLocator.EnvironmentVariable})");
        throw new MissingMethodException(
            $"no C# port of Python target {module}.{target.Name} (searched {searched}): mark a static method with " +
            $"[PyTarget(\"{module}\", \"{target.Name}\")] and pass its assembly with --targets or {TargetsVariable}");
    }

    /// <summary><see cref="Resolve"/>, or null when no assembly has a port (a pool task then runs in CPython).</summary>
    public MethodInfo? TryResolve(PyGlobal target, string? mainModule, ClrMethod? clrMethod = null)
    {
        if (clrMethod is not null)
            foreach (var assembly in _assemblies.Distinct())
                if (FindByToken(assembly, clrMethod) is { } named)
                    return named;
        var module = target.Module == "__main__" && mainModule is not null ? mainModule : target.Module;
        // Every assembly's [PyTarget] ports before any CLR name: looking a type up by name parses the name, ~5 ms of
        // a mapped child's start the first time in a process, and it ran for each assembly before the one with the port.
        foreach (var assembly in _assemblies.Distinct())
            if (FindPort(assembly, module, target.Name) is { } port)
                return port;
        foreach (var assembly in _assemblies.Distinct())
            if (FindByClrName(assembly, module, target.Name) is { } method)
                return method;
        return null;
    }

    /// <summary>
    /// The C# port of a pickled <c>Process</c> subclass: a <see cref="Process"/> subclass marked
    /// <c>[PyClass(module, name)]</c>, or the one a C# parent named by its CLR name; null when none ports it.
    /// </summary>
    /// <param name="pythonClass">The class as the pickled process object names it.</param>
    /// <param name="mainModule">What <c>__main__</c> stands for (the parent's script name).</param>
    /// <param name="clrClass">The exact type's full name, when a C# parent named it.</param>
    public Type? ResolveClass(PyGlobal pythonClass, string? mainModule, string? clrClass = null)
    {
        var module = pythonClass.Module == "__main__" && mainModule is not null ? mainModule : pythonClass.Module;
        foreach (var assembly in _assemblies.Distinct())
        {
            var type = (clrClass is null ? null : assembly.GetType(clrClass))
                ?? LoadableTypes(assembly).FirstOrDefault(t => t.GetCustomAttributes<PyClassAttribute>().Any(p => p.Module == module && p.Name == pythonClass.Name))
                ?? assembly.GetType($"{module}.{pythonClass.Name}");
            if (type is not null && type.IsSubclassOf(typeof(Process))) return type;
        }
        return null;
    }

    /// <summary>The message for a subclass with no port, saying how to add one.</summary>
    public string NoClassPort(PyGlobal pythonClass, string? mainModule)
    {
        var module = pythonClass.Module == "__main__" && mainModule is not null ? mainModule : pythonClass.Module;
        var searched = string.Join(", ", _assemblies.Distinct().Select(a => a.GetName().Name));
        return $"no C# port of Python class {module}.{pythonClass.Name} (searched {searched}): mark a C# subclass of Process " +
            $"with [PyClass(\"{module}\", \"{pythonClass.Name}\")], override Run(), and pass its assembly with --targets or {TargetsVariable}";
    }

    private static MethodInfo? FindPort(Assembly assembly, string module, string name)
    {
        foreach (var type in LoadableTypes(assembly))
            foreach (var method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                foreach (var port in method.GetCustomAttributes<PyTargetAttribute>())
                    if (port.Module == module && port.Name == name)
                        return method;
        return null;
    }

    /// <summary>The method a token names in <paramref name="assembly"/>, if it is the one the parent meant.</summary>
    /// <remarks>The token is resolved first and its type checked by name after: looking the type up by name
    /// (<c>Assembly.GetType</c>) parses the name, which the first time in a process costs a .NET child ~8 ms of JIT
    /// (the parser's vectorised search code).</remarks>
    private static MethodInfo? FindByToken(Assembly assembly, ClrMethod wanted)
    {
        try
        {
            return assembly.ManifestModule.ResolveMethod(wanted.Token) is MethodInfo method && method.Name == wanted.Name
                && method.DeclaringType?.FullName == wanted.Type ? method : null;
        }
        catch (ArgumentException)
        {
            return null; // an unknown token: look the target up by its Python name
        }
        catch (NotSupportedException)
        {
            // A NativeAOT worker cannot resolve tokens: the method of that name in that type, if it has one of the
            // name (else the Python name's scan of every type, ~1.3 ms of such a child's ~9).
            return FindByClrName(assembly, wanted.Type, wanted.Name);
        }
    }

    private static MethodInfo? FindByClrName(Assembly assembly, string typeName, string methodName)
    {
        var type = assembly.GetType(typeName);
        if (type is null) return null;
        var candidates = type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(m => m.Name == methodName).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
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

    /// <summary>
    /// Loads a target assembly into the default context (so it shares PyCompat's own assemblies with the host) and
    /// resolves its dependencies from its own .deps.json, as a plugin would.
    /// </summary>
    private static Assembly Load(string path)
    {
        var full = Path.GetFullPath(path);
        // Checked here: the resolver below reports a missing file only as an InvalidOperationException of the host's.
        if (!File.Exists(full))
            throw new FileNotFoundException(
                $"the targets assembly {full} does not exist: build it, or fix the path given with --targets or {TargetsVariable}", full);
        if (AlreadyLoaded(full, byFileName: true) is { } loaded) return loaded;
        var resolver = new AssemblyDependencyResolver(full);
        AssemblyLoadContext.Default.Resolving += (context, wanted) =>
            resolver.ResolveAssemblyToPath(wanted) is { } dependency ? context.LoadFromAssemblyPath(dependency) : null;
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
        }
        catch (FileLoadException) when (AlreadyLoaded(full, byFileName: false) is { } named)
        {
            return named; // the file's name is not its assembly's, and an assembly of that name is loaded
        }
    }

    /// <summary>
    /// The loaded assembly with the name of the one at <paramref name="full"/>, if any. Reading a file's assembly name
    /// costs ~15 ms at a .NET child's start (the metadata reader loads, and the name parser's code is compiled), so with
    /// <paramref name="byFileName"/> it is read only when an assembly named as the file is loaded.
    /// </summary>
    private static Assembly? AlreadyLoaded(string full, bool byFileName)
    {
        var assemblies = AppDomain.CurrentDomain.GetAssemblies();
        var fileName = Path.GetFileNameWithoutExtension(full);
        if (byFileName && !assemblies.Any(a => a.GetName().Name == fileName)) return null;
        var name = AssemblyName.GetAssemblyName(full);
        return assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name) && a.GetName().Name == name.Name);
    }
}
