using System.Text;
using PyCompat.Multiprocessing.Discovery;
using PyCompat.PythonHost.Running;

namespace PyCompat.PythonHost.Discovery;

/// <summary>
/// Remembers probe answers between runs: probing through pyenv's shim costs about 90 ms, twice what python3
/// itself needs to run a small script. An answer is reused only while everything it was derived from is unchanged:
/// the candidate file and its link target (size and time), for a script candidate such as a pyenv shim also
/// PYENV_VERSION and the nearest .python-version and pyenv's global version file, and the answer's own executable
/// and library. Set PYCOMPAT_CACHE_DIR to move the cache, or to "off" to always probe.
/// </summary>
internal sealed class ProbeCache(string? folder)
{
    // v1 was JSON; a v1 file is left alone (an older build may still read it).
    private const string FileName = "probes-v2";

    // The key, then executable, library, home, version, executable stamp, library stamp.
    private const int EntryFields = 7;

    /// <summary>The cache in PYCOMPAT_CACHE_DIR, else $XDG_CACHE_HOME/pycompat, else ~/.cache/pycompat.</summary>
    public static ProbeCache FromEnvironment(Func<string, string?> environment)
    {
        var configured = environment("PYCOMPAT_CACHE_DIR");
        if (configured == "off")
            return new ProbeCache(null);
        var home = environment("HOME");
        var folder = configured is { Length: > 0 } ? configured
            : environment("XDG_CACHE_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "pycompat")
            : home is { Length: > 0 } ? Path.Combine(home, ".cache", "pycompat")
            : null;
        return new ProbeCache(folder);
    }

    /// <summary>What the answer for <paramref name="candidate"/> depends on, as one string.</summary>
    public static string Key(PythonCandidate candidate, Func<string, string?> environment)
    {
        var key = new StringBuilder(candidate.Path).Append('|').Append(Stamp(candidate.Path));
        if (IsScript(candidate.Path))
        {
            // A shim picks the interpreter at run time; these are what pyenv picks it from.
            var pyenvRoot = environment("PYENV_ROOT") ?? Path.Combine(environment("HOME") ?? "", ".pyenv");
            key.Append("|PYENV_VERSION=").Append(environment("PYENV_VERSION"))
                .Append("|local=").Append(NearestPythonVersionFile() is { } local ? local + ":" + File.ReadAllText(local) : "")
                .Append("|global=").Append(ReadIfExists(Path.Combine(pyenvRoot, "version")));
        }

        return key.ToString();
    }

    public PythonInstall? TryGet(string key)
    {
        try
        {
            if (Load() is not { } entries || !entries.TryGetValue(key, out var entry))
                return null;
            var install = new PythonInstall(entry[0], entry[1], entry[2], Version.Parse(entry[3]));
            var stillValid = entry[4] == Stamp(install.Executable) && entry[5] == Stamp(install.Library);
            return stillValid ? install : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return null; // a damaged or unreadable cache only costs a probe
        }
    }

    public void Put(string key, PythonInstall install)
    {
        if (folder is null)
            return;
        try
        {
            Directory.CreateDirectory(folder);
            Dictionary<string, string[]> entries;
            try
            {
                entries = Load() ?? [];
            }
            catch (FormatException)
            {
                entries = []; // a damaged cache is replaced
            }

            entries[key] =
            [
                install.Executable, install.Library, install.Home, install.Version.ToString(),
                Stamp(install.Executable), Stamp(install.Library),
            ];
            var fields = new List<string>();
            foreach (var (entryKey, values) in entries)
            {
                fields.Add(entryKey);
                fields.AddRange(values);
            }

            // Write then rename, so a concurrent run never reads half a file.
            var temporary = Path.Combine(folder, $"{FileName}.{Environment.ProcessId}.tmp");
            File.WriteAllBytes(temporary, FieldList.Write(fields));
            File.Move(temporary, Path.Combine(folder, FileName), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Not cached (ArgumentException: a path that is not valid UTF-16, which the file cannot hold): the next run probes again.
        }
    }

    /// <summary>
    /// The cached entries by key, each executable, library, home, version and the two stamps; null when there is no
    /// file. A <see cref="FieldList"/>, not JSON: reading JSON was ~8 ms of a cached run (docs/performance.md).
    /// </summary>
    /// <exception cref="FormatException">the file is damaged.</exception>
    private Dictionary<string, string[]>? Load()
    {
        if (folder is null)
            return null;
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
            return null;
        var fields = FieldList.Read(File.ReadAllBytes(file));
        if (fields.Count % EntryFields != 0)
            throw new FormatException("a probe cache entry is cut short");
        var entries = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i += EntryFields)
            entries[fields[i]] = fields.GetRange(i + 1, EntryFields - 1).ToArray();
        return entries;
    }

    /// <summary>The file and its final link target, with size and modification time.</summary>
    private static string Stamp(string path)
    {
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? new FileInfo(path);
        return target.Exists ? $"{target.FullName}:{target.Length}:{target.LastWriteTimeUtc.Ticks}" : "missing";
    }

    private static bool IsScript(string path)
    {
        // A handle, not a FileStream: the stream's first use cost ~2 ms of a run (docs/performance.md).
        Span<byte> start = stackalloc byte[2];
        using var file = File.OpenHandle(path);
        return RandomAccess.Read(file, start, 0) == 2 && start[0] == '#' && start[1] == '!';
    }

    private static string? NearestPythonVersionFile()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            var file = Path.Combine(folder.FullName, ".python-version");
            if (File.Exists(file))
                return file;
        }

        return null;
    }

    private static string ReadIfExists(string file) => File.Exists(file) ? File.ReadAllText(file) : "";
}
