using System.Reflection;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// What a worker runs for one spawn request, found at one point for both kinds: a C# port of a target function
/// (<c>[PyTarget]</c>), or an instance of a C# port of a Python <c>Process</c> subclass (<c>[PyClass]</c>), rebuilt from
/// the pickled <c>__dict__</c>.
/// </summary>
internal sealed class WorkerEntry
{
    private readonly Func<Action> _bind;

    private WorkerEntry(string pythonName, Process? instance, Func<Action> bind)
    {
        PythonName = pythonName;
        Instance = instance;
        _bind = bind;
    }

    /// <summary><c>module.name</c> of the Python function or class this entry ports (<c>__main__</c> as the script's name).</summary>
    public string PythonName { get; }

    /// <summary>The rebuilt subclass instance, which is the child's current process; null for a target.</summary>
    public Process? Instance { get; }

    /// <summary>Runs it (<c>self.run()</c>): binds the target's arguments first, so a mismatch raises inside run as in Python.</summary>
    /// <param name="bound">Called once the arguments are rebuilt (the semaphores they name opened), bound or not.</param>
    public void Run(Action bound)
    {
        Action run;
        try
        {
            run = _bind();
        }
        finally
        {
            bound();
        }
        run();
    }

    /// <exception cref="MissingMethodException">nothing ports the target or the subclass; the message says how to add a port.</exception>
    /// <exception cref="TargetArgumentException">a pickled attribute does not fit the port's member.</exception>
    public static WorkerEntry Resolve(SpawnRequest request, TargetResolver resolver)
    {
        if (!request.IsPlainProcess)
        {
            if (resolver.ResolveClass(request.Class, request.MainModule, request.ClrClass) is { } type
                && (request.Target is null || Process.OverridesRunIn(type)))
                return ForClass(request, type);
            if (request.Target is null)
                throw new MissingMethodException(resolver.NoClassPort(request.Class, request.MainModule));
        }
        var target = request.Target
            ?? throw new InvalidDataException("the process object has no target and is no Process subclass");
        // A pool worker's loop is CPython's own function; its tasks are resolved one by one (Pool/PoolWorker.cs). It
        // rebuilds its queues itself; the pool, not the parent's exit, keeps their names alive while it has workers.
        if (target == Pooling.PoolNames.Worker && request.IsPlainProcess)
            return new WorkerEntry(NameOf(target, request.MainModule), null, () => () => Pooling.PoolWorker.Run(request, resolver));
        // A ProcessPoolExecutor worker's loop, resolved task by task too (Pool/ExecutorWorker.cs); its queues are
        // rebuilt (their semaphores opened) before the parent hears it started.
        if (target == Pooling.ExecutorNames.Worker && request.IsPlainProcess)
            return new WorkerEntry(NameOf(target, request.MainModule), null, () =>
            {
                var worker = Pooling.ExecutorWorker.Open(request, resolver);
                return () =>
                {
                    using (worker)
                        worker.Run();
                };
            });
        var method = resolver.Resolve(target, request.MainModule, request.ClrMethod);
        return new WorkerEntry(NameOf(target, request.MainModule), null, () =>
        {
            var values = ArgumentBinder.Bind(method, target.Name, request.Args, request.Kwargs);
            return () => method.Invoke(Receiver(method), BindingFlags.DoNotWrapExceptions, null, values, null);
        });
    }

    private static WorkerEntry ForClass(SpawnRequest request, Type type)
    {
        var instance = (Process)(Activator.CreateInstance(type, nonPublic: true)
            ?? throw new MissingMethodException($"{type.FullName} has no parameterless constructor to rebuild it with"));
        instance.Restore(request.Name, request.Identity, request.Daemon, request.AuthKey, request.ParentPid, request.ParentName);
        ProcessSubclass.Apply(instance, request.ExtraState);
        return new WorkerEntry(NameOf(request.Class, request.MainModule), instance, () => instance.Run);
    }

    private static string NameOf(PyGlobal global, string? mainModule) =>
        $"{(global.Module == "__main__" && mainModule is not null ? mainModule : global.Module)}.{global.Name}";

    /// <summary>A non-capturing lambda lives on a compiler-made singleton; other targets are static.</summary>
    internal static object? Receiver(MethodInfo method)
    {
        if (method.IsStatic) return null;
        var type = method.DeclaringType!;
        return type.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)?.GetValue(null)
            ?? Activator.CreateInstance(type, nonPublic: true);
    }
}
