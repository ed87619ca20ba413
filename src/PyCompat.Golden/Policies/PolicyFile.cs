using PyCompat.Golden.Policies.Rules;

namespace PyCompat.Golden.Policies;

/// <summary>
/// The policy file (<c>pyexamples/golden/policies.txt</c>): one <c>[name]</c> section per script with
/// <c>order = exact|multiset</c>, <c>normalise = none|pid, address, ...</c> and any number of line rules
/// (<c>either</c>, <c>numbered</c>, <c>computed</c>, <c>repeats</c>), or <c>run = no</c> for a module. Before the first
/// section, <c>book = PATH, PATH...</c> names the book's text (<c>.rst</c> or <c>.md</c>) and <c>book-exceptions = PATH</c>
/// the named differences from it, relative to the file. <c>#</c> starts a comment.
/// </summary>
/// <param name="Path">Where the file was read from.</param>
/// <param name="Books">The book's text files, as absolute paths; empty when the file names none.</param>
/// <param name="BookExceptions">The book exceptions file, as an absolute path, or null.</param>
/// <param name="Examples">The sections, by script name.</param>
internal sealed record PolicyFile(string Path, IReadOnlyList<string> Books, string? BookExceptions, IReadOnlyDictionary<string, ExamplePolicy> Examples)
{
    /// <summary>The file's name inside a golden folder.</summary>
    public const string FileName = "policies.txt";

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    /// <exception cref="PolicyFormatException">the file is missing or malformed.</exception>
    public static PolicyFile Load(string path)
    {
        if (!File.Exists(path))
            throw new PolicyFormatException($"{path}: no policy file. Every example needs a [name] section in it.");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="path"/> names it in errors and anchors <c>book</c>.</summary>
    /// <exception cref="PolicyFormatException">a line is malformed; the message names the line.</exception>
    public static PolicyFile Parse(string text, string path)
    {
        var books = new List<string>();
        string? bookExceptions = null;
        var sections = new List<Section>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var where = $"{path}:{i + 1}";
            var (content, comment) = SplitComment(lines[i]);
            if (content.Length == 0)
                continue;
            if (content.StartsWith('['))
            {
                if (!content.EndsWith(']') || content.Length < 3)
                    throw new PolicyFormatException($"{where}: a section header is [name], got '{content}'.");
                var name = content[1..^1].Trim();
                if (sections.Any(s => s.Name == name))
                    throw new PolicyFormatException($"{where}: [{name}] appears twice.");
                sections.Add(new Section(name, comment, where));
                continue;
            }
            var equals = content.IndexOf('=');
            if (equals <= 0)
                throw new PolicyFormatException($"{where}: expected 'key = value' or '[name]', got '{content}'.");
            var key = content[..equals].Trim();
            var value = content[(equals + 1)..].Trim();
            if (sections.Count == 0)
            {
                var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
                if (key == "book")
                    books.AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        .Select(file => System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, file))));
                else if (key == "book-exceptions")
                    bookExceptions = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, value));
                else
                    throw new PolicyFormatException($"{where}: only 'book = PATH, ...' and 'book-exceptions = PATH' may come before the first [name] section, got '{key}'.");
                continue;
            }
            var section = sections[^1];
            if (LineRule.Keys.Contains(key))
            {
                try
                {
                    section.Rules.Add(LineRule.Parse(key, value));
                }
                catch (FormatException e)
                {
                    throw new PolicyFormatException($"{where}: {e.Message}.");
                }
                continue;
            }
            if (!section.Values.TryAdd(key, (value, where)))
                throw new PolicyFormatException($"{where}: '{key}' is set twice in [{section.Name}].");
        }
        return new PolicyFile(path, books, bookExceptions, sections.ToDictionary(s => s.Name, s => s.ToPolicy(), StringComparer.Ordinal));
    }

    private static (string Content, string? Comment) SplitComment(string line)
    {
        var hash = line.IndexOf('#');
        return hash < 0
            ? (line.Trim(), null)
            : (line[..hash].Trim(), line[(hash + 1)..].Trim() is { Length: > 0 } c ? c : null);
    }

    private sealed record Section(string Name, string? Note, string Where)
    {
        public Dictionary<string, (string Value, string Where)> Values { get; } = new(StringComparer.Ordinal);

        public List<LineRule> Rules { get; } = [];

        public ExamplePolicy ToPolicy()
        {
            foreach (var key in Values.Keys.Where(k => k is not ("order" or "normalise" or "run")))
                throw new PolicyFormatException($"{Values[key].Where}: unknown key '{key}' in [{Name}]; the keys are order, normalise, run and the rules {string.Join(", ", LineRule.Keys)}.");
            var runs = !Values.TryGetValue("run", out var run) || run.Value switch
            {
                "yes" => true,
                "no" => false,
                _ => throw new PolicyFormatException($"{run.Where}: run is 'yes' or 'no', got '{run.Value}'."),
            };
            if (!runs)
            {
                if (Values.Count > 1 || Rules.Count > 0)
                    throw new PolicyFormatException($"{Where}: [{Name}] has run = no, so order and normalise would mean nothing; remove them.");
                return new ExamplePolicy(Name, LineOrder.Exact, [], Runs: false, Note);
            }
            return new ExamplePolicy(Name, ParseOrder(Require("order")), ParseNormalisers(Require("normalise")), Runs: true, Note) { Rules = [.. Rules] };
        }

        private (string Value, string Where) Require(string key) => Values.TryGetValue(key, out var entry)
            ? entry
            : throw new PolicyFormatException($"{Where}: [{Name}] does not say '{key} = ...'; every script states it, so a reader sees what is compared.");

        private static LineOrder ParseOrder((string Value, string Where) entry) => entry.Value switch
        {
            "exact" => LineOrder.Exact,
            "multiset" => LineOrder.Multiset,
            _ => throw new PolicyFormatException($"{entry.Where}: order is 'exact' or 'multiset', got '{entry.Value}'."),
        };

        private static IReadOnlyList<Normaliser> ParseNormalisers((string Value, string Where) entry)
        {
            if (entry.Value == "none")
                return [];
            var names = entry.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (names.Length == 0)
                throw new PolicyFormatException($"{entry.Where}: normalise lists names or says 'none'.");
            return [.. names.Select(name => Normaliser.Find(name) ?? throw new PolicyFormatException(
                $"{entry.Where}: no normaliser '{name}'; the normalisers are {string.Join(", ", Normaliser.All.Select(n => n.Name))}, or 'none'."))];
        }
    }
}
