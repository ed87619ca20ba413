namespace PyCompat.Multiprocessing.Discovery;

/// <summary>A path that might be a CPython interpreter or libpython, and where the user gave it.</summary>
/// <param name="Path">An interpreter (python3, a shim, a symlink) or a shared libpython.</param>
/// <param name="Source">Where it came from, as error messages name it: "--python", "PYCOMPAT_PYTHON", ...</param>
internal sealed record PythonCandidate(string Path, string Source)
{
    /// <summary>True when the path names a shared libpython rather than an interpreter.</summary>
    public bool IsLibrary
    {
        get
        {
            var name = System.IO.Path.GetFileName(Path);
            return name.StartsWith("libpython", StringComparison.Ordinal) || name.Contains(".so", StringComparison.Ordinal)
                || name.EndsWith(".dylib", StringComparison.Ordinal);
        }
    }

    /// <summary>How messages show it, e.g. <c>--python /usr/bin/python3</c>.</summary>
    public override string ToString() => $"{Source} {Path}";
}
