using System.Text;
using System.Text.Json;
using PyCompat.Multiprocessing.Discovery;

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
    private const string FileName = "probes-v1.json";

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
            if (Load() is not { } entries || !entries.RootElement.TryGetProperty(key, out var entry))
                return null;
            var install = new PythonInstall(
                entry.GetProperty("executable").GetString()!, entry.GetProperty("library").GetString()!,
                entry.GetProperty("home").GetString()!, Version.Parse(entry.GetProperty("version").GetString()!));
            var stillValid = entry.GetProperty("executableStamp").GetString() == Stamp(install.Executable)
                && entry.GetProperty("libraryStamp").GetString() == Stamp(install.Library);
            return stillValid ? install : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException
                                      or InvalidOperationException or FormatException or ArgumentException)
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
            using var existing = Load();
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                if (existing is not null)
                    foreach (var other in existing.RootElement.EnumerateObject().Where(p => p.Name != key))
                        other.WriteTo(json);
                json.WriteStartObject(key);
                json.WriteString("executable", install.Executable);
                json.WriteString("library", install.Library);
                json.WriteString("home", install.Home);
                json.WriteString("version", install.Version.ToString());
                json.WriteString("executableStamp", Stamp(install.Executable));
                json.WriteString("libraryStamp", Stamp(install.Library));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            // Write then rename, so a concurrent run never reads half a file.
            var temporary = Path.Combine(folder, $"{FileName}.{Environment.ProcessId}.tmp");
            File.WriteAllBytes(temporary, buffer.ToArray());
            File.Move(temporary, Path.Combine(folder, FileName), overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // Not cached: the next run probes again.
        }
    }

    private JsonDocument? Load()
    {
        if (folder is null)
            return null;
        var file = Path.Combine(folder, FileName);
        return File.Exists(file) ? JsonDocument.Parse(File.ReadAllBytes(file)) : null;
    }

    /// <summary>The file and its final link target, with size and modification time.</summary>
    private static string Stamp(string path)
    {
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? new FileInfo(path);
        return target.Exists ? $"{target.FullName}:{target.Length}:{target.LastWriteTimeUtc.Ticks}" : "missing";
    }

    private static bool IsScript(string path)
    {
        Span<byte> start = stackalloc byte[2];
        using var file = File.OpenRead(path);
        return file.Read(start) == 2 && start[0] == '#' && start[1] == '!';
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
