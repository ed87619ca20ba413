using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Spawn;

/// <summary>
/// Writes the two pickles of CPython's spawn protocol for a <see cref="Process"/>: the preparation data, then a
/// <c>multiprocessing.context.SpawnProcess</c> with the state CPython's own parent would give it, so that a CPython
/// child and the PyCompat worker host read the same bytes.
/// </summary>
internal static class ProcessObjectWriter
{
    private static readonly PyGlobal SpawnProcessClass = new("multiprocessing.context", "SpawnProcess");
    private static readonly PyGlobal AuthenticationStringClass = new("multiprocessing.process", "AuthenticationString");

    /// <summary>The key under which a PyCompat parent tells its .NET child where the target's assembly is.</summary>
    public const string AssembliesKey = "pycompat_assemblies";

    /// <summary>
    /// The key under which a C# parent names its target's method exactly (type full name, method name, metadata token),
    /// so the child runs that very method, overloads included, without scanning for [PyTarget]. CPython ignores keys it
    /// does not know.
    /// </summary>
    public const string ClrMethodKey = "pycompat_clr_method";

    /// <summary>The key under which a C# parent names the exact <see cref="Process"/> subclass (its type's full name).</summary>
    public const string ClrClassKey = "pycompat_clr_class";

    public static byte[] PreparationData(Process process, IReadOnlyList<string> assemblies)
    {
        var data = new Dictionary<string, object?>
        {
            ["name"] = process.Name,
            ["authkey"] = process.AuthKey,
            ["dir"] = Environment.CurrentDirectory,
            ["orig_dir"] = Environment.CurrentDirectory,
            ["start_method"] = "spawn",
            // As CPython's spawn.get_preparation_data: the child logs as this process was set to.
            ["log_to_stderr"] = Logging.IsLoggingToStderr,
        };
        if (Logging.ExistingLogger is { } logger) data["log_level"] = (int)logger.EffectiveLevel;
        if (assemblies.Count > 0) data[AssembliesKey] = assemblies.Cast<object?>().ToList();
        if (process.Target is DotNetTarget { Method: var method })
            data[ClrMethodKey] = new PyTuple(method.DeclaringType!.FullName, method.Name, method.MetadataToken);
        if (process.OverridesRun) data[ClrClassKey] = process.GetType().FullName;
        return PyPickle.Dumps(data);
    }

    /// <summary>The process object, its arguments reduced for <paramref name="popen"/> (locks, streams...), which
    /// collects the fds the child must receive.</summary>
    /// <exception cref="PicklingError">an argument cannot be pickled; the message names which and its type.</exception>
    public static byte[] ProcessObject(Process process, SpawningPopen popen)
    {
        var config = new Dictionary<string, object?>
        {
            ["authkey"] = new PyObject(AuthenticationStringClass, new PyTuple(process.AuthKey), ViaReduce: true),
            // CPython's main process has it; a CPython child names the semaphores it creates with it.
            ["semprefix"] = "/mp",
        };
        if (process.Daemon) config["daemon"] = true;
        var state = new Dictionary<string, object?>
        {
            ["_identity"] = new PyTuple(process.Identity.Cast<object?>().ToArray()),
            ["_config"] = config,
            ["_parent_pid"] = process.ParentPid,
            ["_parent_name"] = process.ParentName,
            ["_popen"] = null,
            ["_closed"] = false,
            ["_target"] = process.Target?.Global,
            ["_args"] = new PyTuple(process.Args),
            ["_kwargs"] = process.Kwargs.ToDictionary(kv => kv.Key, kv => kv.Value),
            ["_name"] = process.Name,
        };
        // A subclass crosses as CPython pickles one: its own class, its fields in the same __dict__.
        var type = SpawnProcessClass;
        if (process.OverridesRun)
        {
            type = ProcessSubclass.Global(process.GetType());
            foreach (var (key, value) in ProcessSubclass.State(process)) state.TryAdd(key, value);
        }
        try
        {
            return ReductionTable.Default.Dumps(new PyObject(type, PyTuple.Empty, state), popen);
        }
        catch (PicklingError error)
        {
            throw NameTheCulprit(process, error);
        }
    }

    /// <summary>Python says "cannot pickle 'X' object"; we also say which argument it was.</summary>
    private static PicklingError NameTheCulprit(Process process, PicklingError error)
    {
        var target = process.Target?.Global.Name ?? process.GetType().Name + ".run";
        for (var i = 0; i < process.Args.Length; i++)
            if (!Pickles(process.Args[i]))
                return new PicklingError(
                    $"cannot pickle argument {i + 1} of {target}(): {Describe(process.Args[i])} has no Python equivalent " +
                    $"({error.Message}). Pass plain values (numbers, strings, bytes, tuples, lists, dicts, sets, dates).", error);
        foreach (var (key, value) in process.Kwargs)
            if (!Pickles(value))
                return new PicklingError(
                    $"cannot pickle keyword argument '{key}' of {target}(): {Describe(value)} has no Python equivalent " +
                    $"({error.Message}).", error);
        if (process.OverridesRun)
            foreach (var (key, value) in ProcessSubclass.State(process))
                if (!Pickles(value))
                    return new PicklingError(
                        $"cannot pickle field '{key}' of {process.GetType().Name}: {Describe(value)} has no Python equivalent " +
                        $"({error.Message}). Give the subclass fields of plain values only.", error);
        return error;
    }

    private static string Describe(object? value) => $"'{value?.GetType().FullName}' object";

    private static bool Pickles(object? value)
    {
        try
        {
            ReductionTable.Default.Dumps(value, new SpawningPopen());
            return true;
        }
        catch (PicklingError)
        {
            return false;
        }
    }
}
