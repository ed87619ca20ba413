using System.Runtime.InteropServices;
using System.Text;

namespace PyCompat.Multiprocessing.Posix;

/// <summary>A NULL-terminated array of NUL-terminated UTF-8 strings (argv, envp) in unmanaged memory.</summary>
internal sealed unsafe class NativeStringArray : IDisposable
{
    private readonly nint[] _strings;

    public byte** Pointer { get; }

    public NativeStringArray(IReadOnlyList<string> values)
    {
        _strings = new nint[values.Count];
        Pointer = (byte**)NativeMemory.AllocZeroed((nuint)(values.Count + 1), (nuint)sizeof(nint));
        for (var i = 0; i < values.Count; i++)
        {
            _strings[i] = Utf8(values[i]);
            Pointer[i] = (byte*)_strings[i];
        }
    }

    public static nint Utf8(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var memory = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        bytes.CopyTo(new Span<byte>(memory, bytes.Length));
        memory[bytes.Length] = 0;
        return (nint)memory;
    }

    public void Dispose()
    {
        foreach (var s in _strings) NativeMemory.Free((void*)s);
        NativeMemory.Free(Pointer);
    }

    /// <summary>The environment as .NET sees it (it may differ from libc's <c>environ</c>).</summary>
    public static List<string> CurrentEnvironment(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
            env[(string)e.Key] = (string?)e.Value ?? "";
        if (overrides is not null)
            foreach (var (key, value) in overrides)
                if (value is null) env.Remove(key); else env[key] = value;
        return env.Select(kv => $"{kv.Key}={kv.Value}").ToList();
    }
}
