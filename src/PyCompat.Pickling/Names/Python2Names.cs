namespace PyCompat.Pickling.Names;

/// <summary>
/// CPython's <c>fix_imports</c>: the Python 2 names of globals that Python 3 renamed, as Lib/_compat_pickle.py has
/// them. CPython's Unpickler reads a global through <see cref="ToPython3"/> when the pickle's protocol is below 3, and
/// its Pickler writes one through <see cref="ToPython2"/> below protocol 3. The tables are a copy of CPython's
/// (Names/compat_pickle.tsv, made by Names/generate_compat_pickle.py), loaded once and never changed.
/// </summary>
internal static class Python2Names
{
    private static readonly Tables Data = Load();

    /// <summary>CPython's <c>Unpickler.find_class</c> mapping: the name first, else the module alone.</summary>
    public static (string Module, string Name) ToPython3(string module, string name) =>
        Data.Names.TryGetValue(new PyGlobal(module, name), out var mapped) ? (mapped.Module, mapped.Name)
        : Data.Imports.TryGetValue(module, out var moved) ? (moved, name)
        : (module, name);

    /// <summary>CPython's <c>Pickler.save_global</c> mapping (protocols 0-2): the name first, else the module alone.</summary>
    public static (string Module, string Name) ToPython2(string module, string name) =>
        Data.ReverseNames.TryGetValue(new PyGlobal(module, name), out var mapped) ? (mapped.Module, mapped.Name)
        : Data.ReverseImports.TryGetValue(module, out var moved) ? (moved, name)
        : (module, name);

    // Plain dictionaries of reference types: every protocol-2 pickle with a global loads these (a .NET worker child
    // reads two such pickles before anything else), and their code is precompiled in the framework, where frozen
    // dictionaries keyed by value tuples were compiled at run time, ~30 methods at a child's start.
    private sealed record Tables(
        Dictionary<PyGlobal, PyGlobal> Names,
        Dictionary<string, string> Imports,
        Dictionary<PyGlobal, PyGlobal> ReverseNames,
        Dictionary<string, string> ReverseImports);

    private static Tables Load()
    {
        var names = new Dictionary<PyGlobal, PyGlobal>();
        var imports = new Dictionary<string, string>(StringComparer.Ordinal);
        var reverseNames = new Dictionary<PyGlobal, PyGlobal>();
        var reverseImports = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = typeof(Python2Names).Assembly.GetManifestResourceStream("PyCompat.Pickling.compat_pickle.tsv")
            ?? throw new InvalidOperationException("PyCompat.Pickling was built without its compat_pickle.tsv resource");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            switch (line.Split('\t'))
            {
                case ["name", var m2, var n2, var m3, var n3]: names[new(m2, n2)] = new(m3, n3); break;
                case ["import", var m2, var m3]: imports[m2] = m3; break;
                case ["rname", var m3, var n3, var m2, var n2]: reverseNames[new(m3, n3)] = new(m2, n2); break;
                case ["rimport", var m3, var m2]: reverseImports[m3] = m2; break;
                default: throw new InvalidOperationException($"compat_pickle.tsv: unreadable line '{line}'");
            }
        }
        return new Tables(names, imports, reverseNames, reverseImports);
    }
}
