using System.Collections;
using Dict = System.Collections.Generic.IReadOnlyDictionary<object?, object?>;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>What a spawn parent sent down the pipe: the preparation data and the process object, decoded.</summary>
internal sealed record SpawnRequest(
    string Name,
    int[] Identity,
    byte[] AuthKey,
    bool Daemon,
    int? ParentPid,
    string? ParentName,
    PyGlobal? Target,
    IReadOnlyList<object?> Args,
    IReadOnlyList<KeyValuePair<string, object?>> Kwargs,
    string? MainModule,
    IReadOnlyList<string> Assemblies,
    string? Directory,
    ClrMethod? ClrMethod = null)
{
    /// <summary>The class of the pickled process object: one of multiprocessing's, or a subclass that may have a port.</summary>
    public PyGlobal Class { get; init; } = new("multiprocessing.context", "SpawnProcess");

    /// <summary>The pickled <c>__dict__</c> beyond what every Process has: a subclass's own attributes.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> ExtraState { get; init; } = [];

    /// <summary>The exact subclass a C# parent named (its type's full name), or null.</summary>
    public string? ClrClass { get; init; }

    /// <summary>The preparation-data key a mapped-mode parent names its ready pipe by (pycompat_mapped.py).</summary>
    public const string ReadyFdKey = "pycompat_ready_fd";

    /// <summary>The write end of the parent's ready pipe, which the child closes once its arguments are rebuilt (their
    /// semaphores opened): the parent's exit unlinks those names before it joins its children, so it waits for that.</summary>
    public int? ReadyFd { get; init; }

    /// <summary><c>log_to_stderr</c> of the preparation data: the parent logged to stderr, so the child does too.</summary>
    public bool LogToStderr { get; init; }

    /// <summary><c>log_level</c> of the preparation data: the parent's logger's effective level, if it had a logger.</summary>
    public int? LogLevel { get; init; }

    /// <summary>The preparation data's pickle as the parent wrote it (a pool worker's CPython helper is prepared with it).</summary>
    public byte[] PreparationPickle { get; init; } = [];

    /// <summary><c>pycompat_python</c> of the preparation data: the interpreter the parent spawns CPython children with.</summary>
    public string? Python { get; init; }

    /// <summary>Whether the process object is an instance of one of multiprocessing's own classes (not a user's subclass).</summary>
    public bool IsPlainProcess => Class.Module is "multiprocessing" or "multiprocessing.context" or "multiprocessing.process";

    /// <summary>The keys of <c>BaseProcess.__init__</c> (and of a C# parent's pickle): the rest is the subclass's own.</summary>
    private static readonly HashSet<string> BaseKeys =
        ["_identity", "_config", "_parent_pid", "_parent_name", "_popen", "_closed", "_target", "_args", "_kwargs", "_name"];

    /// <summary>Reads the two pickles from <paramref name="pipe"/>, never past the second (the parent keeps the pipe open).</summary>
    /// <exception cref="InvalidDataException">the pipe did not carry a spawn request.</exception>
    public static SpawnRequest Read(Stream pipe)
    {
        // The pipe comes from the parent that started us, as trusted as CPython's child trusts it; a user's class among
        // the arguments may be described (as a PyObject), which runs nothing. The size and depth limits still hold.
        var recording = new RecordingStream(pipe);
        var preparation = AsDict(PyPickle.Load(recording, PickleLoadOptions.Trusted), "the preparation data");
        var preparationPickle = recording.Recorded();
        var processObject = PyPickle.Load(pipe, PickleLoadOptions.Trusted) as PyObject
            ?? throw new InvalidDataException("the process object is not a pickled multiprocessing Process");
        var state = AsDict(processObject.State, "the process object's state");
        var config = Get(state, "_config") is { } c ? AsDict(c, "_config") : null;

        return new SpawnRequest(
            Name: Get(state, "_name") as string ?? Get(preparation, "name") as string ?? "Process",
            Identity: Ints(Get(state, "_identity")),
            AuthKey: AuthKeyBytes(config is null ? null : Get(config, "authkey")) ?? AuthKeyBytes(Get(preparation, "authkey")) ?? [],
            Daemon: config is not null && Get(config, "daemon") is true,
            ParentPid: Get(state, "_parent_pid") is { } pid ? Convert.ToInt32(pid) : null,
            ParentName: Get(state, "_parent_name") as string,
            Target: Get(state, "_target") as PyGlobal,
            Args: (Get(state, "_args") as IEnumerable)?.Cast<object?>().ToList() ?? [],
            Kwargs: Get(state, "_kwargs") is { } kw ? Pairs(AsDict(kw, "_kwargs")) : [],
            MainModule: MainModuleName(preparation),
            Assemblies: (Get(preparation, "pycompat_assemblies") as IEnumerable)?.OfType<string>().ToList() ?? [],
            Directory: Get(preparation, "dir") as string,
            ClrMethod: Get(preparation, Spawn.ProcessObjectWriter.ClrMethodKey) is PyTuple { Count: 3 } clr
                && clr[0] is string type && clr[1] is string method && clr[2] is int token ? new ClrMethod(type, method, token) : null)
        {
            Class = processObject.Type,
            ExtraState = SubclassState(state),
            ClrClass = Get(preparation, Spawn.ProcessObjectWriter.ClrClassKey) as string,
            LogToStderr = Get(preparation, "log_to_stderr") is true,
            LogLevel = Get(preparation, "log_level") is int level ? level : null,
            ReadyFd = Get(preparation, ReadyFdKey) is int ready ? ready : null,
            PreparationPickle = preparationPickle,
            Python = Get(preparation, "pycompat_python") as string,
        };
    }

    /// <summary>
    /// What <c>__main__</c> stands for in the child: CPython imports the parent's script as <c>__mp_main__</c>, so its
    /// name is the script's file name (<c>init_main_from_path</c>) or the module the parent ran with -m.
    /// </summary>
    private static string? MainModuleName(Dict preparation)
    {
        if (Get(preparation, "init_main_from_name") is string module) return module;
        if (Get(preparation, "init_main_from_path") is string path) return Path.GetFileNameWithoutExtension(path);
        return null;
    }

    private static byte[]? AuthKeyBytes(object? value) => value switch
    {
        byte[] bytes => bytes,
        PyObject { Args.Count: 1 } wrapped => wrapped.Args[0] as byte[],
        _ => null,
    };

    private static Dict AsDict(object? value, string what) =>
        value as Dict ?? throw new InvalidDataException($"{what} is a {PyTypeNames.Of(value)}, not a dict");

    private static object? Get(Dict dict, string key) => dict.TryGetValue(key, out var value) ? value : null;

    // Loops, not LINQ, from here down: every .NET child runs these once, and LINQ over key/value pairs (structs) is
    // generic code that neither the framework's nor PyCompat's ReadyToRun image holds, so the JIT compiled ~30
    // methods for it at each child's start.
    private static List<KeyValuePair<string, object?>> Pairs(Dict dict)
    {
        var pairs = new List<KeyValuePair<string, object?>>(dict.Count);
        foreach (var entry in dict)
            pairs.Add(new KeyValuePair<string, object?>(
                entry.Key as string ?? throw new InvalidDataException($"a keyword argument's name is a {PyTypeNames.Of(entry.Key)}"),
                entry.Value));
        return pairs;
    }

    private static List<KeyValuePair<string, object?>> SubclassState(Dict state)
    {
        var extra = new List<KeyValuePair<string, object?>>();
        foreach (var entry in state)
            if (entry.Key is string key && !BaseKeys.Contains(key))
                extra.Add(new KeyValuePair<string, object?>(key, entry.Value));
        return extra;
    }

    private static int[] Ints(object? value)
    {
        if (value is not IEnumerable items) return [];
        var ints = new List<int>();
        foreach (var item in items) ints.Add(Convert.ToInt32(item));
        return ints.ToArray();
    }
}

/// <summary>The exact method a C# parent chose: its type, its name, and its metadata token (which tells overloads apart).</summary>
internal sealed record ClrMethod(string Type, string Name, int Token);
