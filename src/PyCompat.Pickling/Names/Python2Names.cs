namespace PyCompat.Pickling.Names;

/// <summary>
/// CPython's <c>fix_imports</c>: the Python 2 names of globals that Python 3 renamed, as Lib/_compat_pickle.py has
/// them. CPython's Unpickler reads a global through <see cref="ToPython3"/> when the pickle's protocol is below 3, and
/// its Pickler writes one through <see cref="ToPython2"/> below protocol 3. The tables are a copy of CPython's
/// (Names/compat_pickle.tsv, made by Names/generate_compat_pickle.py), loaded once and never changed.
/// </summary>
internal static class Python2Names
{
    /// <summary>CPython's <c>Unpickler.find_class</c> mapping: the name first, else the module alone.</summary>
    public static (string Module, string Name) ToPython3(string module, string name) =>
        ToPython3Tables.Names.TryGetValue(new PyGlobal(module, name), out var mapped) ? (mapped.Module, mapped.Name)
        : ToPython3Tables.Imports.TryGetValue(module, out var moved) ? (moved, name)
        : (module, name);

    /// <summary>CPython's <c>Pickler.save_global</c> mapping (protocols 0-2): the name first, else the module alone.</summary>
    public static (string Module, string Name) ToPython2(string module, string name) =>
        ToPython2Tables.Names.TryGetValue(new PyGlobal(module, name), out var mapped) ? (mapped.Module, mapped.Name)
        : ToPython2Tables.Imports.TryGetValue(module, out var moved) ? (moved, name)
        : (module, name);

    // Each direction loads only its own half, at its first use: a reader (a .NET worker child, whose spawn request is
    // a protocol-2 pickle) never needs the writer's. Plain dictionaries of reference types: their code is precompiled
    // in the framework, where frozen dictionaries keyed by value tuples were compiled at run time, ~30 methods at a
    // child's start.
    private static class ToPython3Tables
    {
        public static readonly Dictionary<PyGlobal, PyGlobal> Names = [];
        public static readonly Dictionary<string, string> Imports = new(StringComparer.Ordinal);
        static ToPython3Tables() => Load("name", Names, "import", Imports);
    }

    private static class ToPython2Tables
    {
        public static readonly Dictionary<PyGlobal, PyGlobal> Names = [];
        public static readonly Dictionary<string, string> Imports = new(StringComparer.Ordinal);
        static ToPython2Tables() => Load("rname", Names, "rimport", Imports);
    }

    /// <summary>Fills <paramref name="names"/> and <paramref name="imports"/> from the lines of those two kinds.</summary>
    private static void Load(string nameKind, Dictionary<PyGlobal, PyGlobal> names, string importKind, Dictionary<string, string> imports)
    {
        using var stream = typeof(Python2Names).Assembly.GetManifestResourceStream("PyCompat.Pickling.compat_pickle.tsv")
            ?? throw new InvalidOperationException("PyCompat.Pickling was built without its compat_pickle.tsv resource");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            switch (line.Split('\t'))
            {
                case [var kind, var m, var n, var toModule, var toName] when kind == nameKind: names[new(m, n)] = new(toModule, toName); break;
                case [var kind, var m, var toModule] when kind == importKind: imports[m] = toModule; break;
                case ["name" or "rname", _, _, _, _] or ["import" or "rimport", _, _]: break; // the other direction's
                default: throw new InvalidOperationException($"compat_pickle.tsv: unreadable line '{line}'");
            }
        }
    }
}
