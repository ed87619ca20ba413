using System.Text.RegularExpressions;
using PyCompat.Golden.Book;
using PyCompat.Golden.Policies;

namespace PyCompat.Golden.Checking;

/// <summary>
/// A folder of example scripts (<c>pyexamples/</c>) with its goldens and policy file in <c>golden/</c>.
/// Every <c>*.py</c> must have a policy section and every section a script, so nothing is checked by accident.
/// </summary>
internal sealed partial class ExampleSet
{
    /// <summary>The name of the folder, inside the examples folder, that holds the goldens and the policy file.</summary>
    public const string GoldenFolderName = "golden";

    private ExampleSet(string folder, PolicyFile policies, IReadOnlyDictionary<string, string> book,
        IReadOnlyDictionary<string, IReadOnlyList<BookException>> bookExceptions)
    {
        Folder = folder;
        Policies = policies;
        BookTranscripts = book;
        BookExceptions = bookExceptions;
    }

    /// <summary>The examples folder; every mode runs with it as the working directory.</summary>
    public string Folder { get; }

    /// <summary>The folder of the goldens and the policy file.</summary>
    public string GoldenFolder => Path.Combine(Folder, GoldenFolderName);

    /// <summary>The policy file.</summary>
    public PolicyFile Policies { get; }

    /// <summary>The book's transcripts, by script name; empty when the policy file names no book.</summary>
    public IReadOnlyDictionary<string, string> BookTranscripts { get; }

    /// <summary>The named differences from the book, by script name (<c>book-exceptions.txt</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<BookException>> BookExceptions { get; }

    /// <summary>The book exceptions of <paramref name="name"/>; empty when it has none.</summary>
    public IReadOnlyList<BookException> BookExceptionsOf(string name) =>
        BookExceptions.TryGetValue(name, out var exceptions) ? exceptions : [];

    /// <summary>Every script's name, sorted.</summary>
    public IReadOnlyList<string> Names => [.. Policies.Examples.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Loads the folder and checks that scripts and policy sections agree.</summary>
    /// <exception cref="PolicyFormatException">the policy file is missing, malformed, or disagrees with the scripts.</exception>
    public static ExampleSet Load(string folder)
    {
        folder = Path.GetFullPath(folder);
        var policies = PolicyFile.Load(Path.Combine(folder, GoldenFolderName, PolicyFile.FileName));
        var scripts = Directory.GetFiles(folder, "*.py").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var script in scripts.Where(s => !policies.Examples.ContainsKey(s)).Order(StringComparer.Ordinal))
            throw new PolicyFormatException($"{policies.Path}: {script}.py has no [{script}] section; say how its output is compared (or run = no for a module).");
        foreach (var name in policies.Examples.Keys.Where(n => !scripts.Contains(n)).Order(StringComparer.Ordinal))
            throw new PolicyFormatException($"{policies.Path}: [{name}] names no script; there is no {name}.py in {folder}.");
        foreach (var missing in policies.Books.Where(b => !File.Exists(b)))
            throw new PolicyFormatException($"{policies.Path}: book = {missing}, which does not exist.");
        var book = Book.BookTranscripts.Load(policies.Books);
        var exceptions = BookExceptionFile.Load(policies.BookExceptions);
        foreach (var name in exceptions.Keys.Where(n => !policies.Examples.ContainsKey(n)).Order(StringComparer.Ordinal))
            throw new PolicyFormatException($"{policies.BookExceptions}: [{name}] names no script; there is no {name}.py in {folder}.");
        return new ExampleSet(folder, policies, book, exceptions);
    }

    /// <summary>Finds <c>pyexamples/</c> in <paramref name="start"/> or the nearest folder above it.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "pyexamples");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>The policy of <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">there is no such example.</exception>
    public ExamplePolicy Policy(string name) => Policies.Examples.TryGetValue(name, out var policy)
        ? policy
        : throw new KeyNotFoundException($"no example '{name}' in {Folder}; the examples are {string.Join(", ", Names)}.");

    /// <summary>
    /// The Python modules whose functions the processes of <paramref name="name"/> can run: the script itself and the
    /// examples it imports (<c>import X</c>, <c>from X import ...</c>, with <c>X.py</c> in the folder), transitively.
    /// </summary>
    public IReadOnlyList<string> ModulesOf(string name)
    {
        var modules = new List<string> { name };
        for (var i = 0; i < modules.Count; i++)
        {
            var path = Path.Combine(Folder, modules[i] + ".py");
            if (!File.Exists(path))
                continue;
            foreach (Match match in ImportLine().Matches(File.ReadAllText(path)))
            {
                var module = match.Groups["module"].Value;
                if (!modules.Contains(module) && File.Exists(Path.Combine(Folder, module + ".py")))
                    modules.Add(module);
            }
        }
        return modules;
    }

    [GeneratedRegex(@"(?m)^\s*(?:import|from)\s+(?<module>\w+)")]
    private static partial Regex ImportLine();

    /// <summary>Where the golden of <paramref name="name"/> lives.</summary>
    public string GoldenPath(string name) => Path.Combine(GoldenFolder, name + ".txt");
}
