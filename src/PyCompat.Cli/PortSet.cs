using System.Reflection;
using PyCompat.Examples;
using PyCompat.Multiprocessing;

namespace PyCompat.Cli;

/// <summary>
/// The C# ports a verb works with: the book's (PyCompat.Examples, built into pycompat), or the assemblies a user
/// names with <c>--ports</c>, each holding <c>[PyExample]</c> ports of whole scripts and <c>[PyTarget]</c>/<c>[PyClass]</c>
/// ports of their targets.
/// </summary>
internal sealed class PortSet
{
    /// <summary>The option's name, the same on every verb that takes it.</summary>
    public const string OptionName = "--ports";

    /// <summary>What <c>--help</c> says of the option.</summary>
    public const string OptionDescription =
        "An assembly (.dll) of your own C# ports, instead of the book's: classes marked [PyExample(\"NAME\")] with a public " +
        "static Main() port NAME.py, static methods marked [PyTarget(module, name)] (and Process subclasses marked " +
        "[PyClass]) port its targets. Reference the PyCompat.Multiprocessing package from it. Repeatable.";

    private readonly Lazy<IReadOnlyDictionary<string, MethodInfo>> _mains;

    private PortSet(IReadOnlyList<Assembly> assemblies, bool isBook)
    {
        Assemblies = assemblies;
        IsBook = isBook;
        _mains = new(() => PyExampleAttribute.PortsIn(assemblies));
    }

    /// <summary>The book's ports, which pycompat was built with.</summary>
    public static PortSet Book { get; } = new(ExampleCatalog.PortAssemblies, isBook: true);

    /// <summary>The book's ports when <paramref name="paths"/> is empty, else the assemblies at those paths.</summary>
    /// <exception cref="ArgumentException">a path names no file or no .NET assembly.</exception>
    public static PortSet From(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            return Book;
        var assemblies = new List<Assembly>();
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
                throw new ArgumentException($"{OptionName} {path}: no such file; build your ports project and pass its .dll.");
            try
            {
                // LoadFrom resolves the assembly's own dependencies from its folder; PyCompat's assemblies are shared with pycompat's.
                assemblies.Add(Assembly.LoadFrom(full));
            }
            catch (BadImageFormatException error)
            {
                throw new ArgumentException($"{OptionName} {path} is not a .NET assembly ({error.Message}).", error);
            }
        }
        return new PortSet(assemblies, isBook: false);
    }

    /// <summary>The assemblies scanned for ports.</summary>
    public IReadOnlyList<Assembly> Assemblies { get; }

    /// <summary>True for the book's ports (no <c>--ports</c>).</summary>
    public bool IsBook { get; }

    /// <summary>Every script with a <c>[PyExample]</c> port, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _mains.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The port of <paramref name="name"/>'s <c>Main()</c>, or null.</summary>
    public Action? Find(string name) => _mains.Value.TryGetValue(name, out var main) ? main.CreateDelegate<Action>() : null;

    /// <summary>E.g. <c>PyCompat.Examples</c> or <c>MyPorts.dll</c>, for messages.</summary>
    public string Describe() => IsBook ? "PyCompat.Examples" : string.Join(", ", Assemblies.Select(a => Path.GetFileName(a.Location)));

    /// <summary>The arguments that pass these ports on to another pycompat command (<c>--ports</c>, or run's <c>--targets</c>).</summary>
    public IEnumerable<string> AsOption(string option) =>
        IsBook ? [] : Assemblies.SelectMany(a => new[] { option, a.Location });
}
