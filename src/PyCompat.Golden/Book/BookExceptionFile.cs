using PyCompat.Golden.Policies;

namespace PyCompat.Golden.Book;

/// <summary>
/// <c>pyexamples/golden/book-exceptions.txt</c>: per script, the named ways the book's transcript differs from
/// CPython's output here (<see cref="BookException.Kinds"/>), each with its explanation as the line's comment:
/// <code>
/// [multiprocessing_manager_dict]
/// wrapped = 8: 16, 9: 18}   # the book wrapped the line at 61 columns (cog's break_lines_at=61)
/// </code>
/// </summary>
internal static class BookExceptionFile
{
    /// <summary>The exceptions by script; empty when <paramref name="path"/> is null.</summary>
    /// <exception cref="PolicyFormatException">the file is missing or malformed; the message names the line.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<BookException>> Load(string? path)
    {
        if (path is null)
            return new Dictionary<string, IReadOnlyList<BookException>>();
        if (!File.Exists(path))
            throw new PolicyFormatException($"{path}: no book exceptions file, which the policy file names.");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses the text of the file; <paramref name="path"/> names it in errors.</summary>
    /// <exception cref="PolicyFormatException">a line is malformed.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<BookException>> Parse(string text, string path)
    {
        var all = new Dictionary<string, List<BookException>>(StringComparer.Ordinal);
        string? section = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var where = $"{path}:{i + 1}";
            var hash = lines[i].IndexOf('#');
            var content = (hash < 0 ? lines[i] : lines[i][..hash]).Trim();
            var comment = hash < 0 ? "" : lines[i][(hash + 1)..].Trim();
            if (content.Length == 0)
                continue;
            if (content.StartsWith('[') && content.EndsWith(']'))
            {
                section = content[1..^1].Trim();
                if (!all.TryAdd(section, []))
                    throw new PolicyFormatException($"{where}: [{section}] appears twice.");
                continue;
            }
            var equals = content.IndexOf('=');
            if (section is null || equals <= 0)
                throw new PolicyFormatException($"{where}: expected '[script]' then 'kind = value  # why the book differs', got '{content}'.");
            var kind = content[..equals].Trim();
            var value = content[(equals + 1)..].Trim();
            if (!BookException.Kinds.ContainsKey(kind))
                throw new PolicyFormatException($"{where}: no book exception '{kind}'; the kinds are {string.Join(", ", BookException.Kinds.Keys)}.");
            if (comment.Length == 0)
                throw new PolicyFormatException($"{where}: '{kind}' needs its explanation as a comment ('# why the book differs'): an exception is never silent.");
            if (kind == "cpus" && !int.TryParse(value, out _))
                throw new PolicyFormatException($"{where}: cpus is the book machine's os.cpu_count(), a number; got '{value}'.");
            all[section].Add(new BookException(kind, value, comment));
        }
        return all.ToDictionary(p => p.Key, p => (IReadOnlyList<BookException>)p.Value, StringComparer.Ordinal);
    }
}
