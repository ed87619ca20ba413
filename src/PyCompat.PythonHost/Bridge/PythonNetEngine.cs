using PyCompat.PythonHost.Discovery;
using PyCompat.PythonHost.Running;
using Python.Runtime;

namespace PyCompat.PythonHost.Bridge;

/// <summary>
/// <c>pycompat run --engine pythonnet</c>: CPython started by Python.NET, so the script can <c>import clr</c> and call
/// .NET in-process. The runner module and everything around it are shared with the default engine; only starting
/// and finishing differ. Since .NET objects are reachable from Python here, a forked child could run .NET code in a
/// copy of the .NET process (docs/pitfalls.md, "No .NET code in a forked child"): the default start method is forkserver, and fork is refused as a default.
/// </summary>
internal sealed class PythonNetEngine : IPythonEngine
{
    public string? DefaultStartMethod => StartMethods.Forkserver;

    public IReadOnlyDictionary<string, string> RefusedStartMethods { get; } = new Dictionary<string, string>
    {
        [StartMethods.Fork] = "--engine pythonnet does not fork: a forked copy of the .NET process must not run .NET " +
            "code (Python can reach .NET objects with this engine). Use --start-method forkserver (the default) or spawn.",
    };

    public void Start(PythonInstall install) => PythonNetRuntime.Start(install, pythonSignals: true);

    public void LoadModule(string name, string source, string fileName)
    {
        using (Py.GIL())
        {
            using var builtins = Py.Import("builtins");
            using var types = Py.Import("types");
            using var sys = Py.Import("sys");
            using var module = types.InvokeMethod("ModuleType", new PyString(name));
            module.SetAttr("__file__", new PyString(fileName));
            using var modules = sys.GetAttr("modules");
            modules.SetItem(name, module);
            using var code = builtins.InvokeMethod("compile", new PyString(source), new PyString(fileName), new PyString("exec"));
            using var globals = module.GetAttr("__dict__");
            builtins.InvokeMethod("exec", code, globals).Dispose();
        }
    }

    public bool Call(string module, string function, string argument)
    {
        using (Py.GIL())
        {
            try
            {
                using var target = Py.Import(module);
                target.InvokeMethod(function, new PyString(argument)).Dispose();
                return true;
            }
            catch (PythonException error)
            {
                PrintError(error);
                return false;
            }
        }
    }

    public long ReadInt(string module, string attribute)
    {
        using (Py.GIL())
        {
            using var target = Py.Import(module);
            using var value = target.GetAttr(attribute);
            return value.As<long>();
        }
    }

    /// <summary>
    /// What Py_FinalizeEx does before it tears the interpreter down, in its order: pythonnet's Shutdown does not
    /// finalize CPython (docs/pitfalls.md, "Shutdown does not finalize"), and the process then ends with _exit (docs/pitfalls.md, "Ending the process").
    /// </summary>
    public bool Finish()
    {
        using (Py.GIL())
        {
            using var sys = Py.Import("sys");
            using var modules = new PyDict(sys.GetAttr("modules"));
            // Non-daemon threads are joined only if threading was ever imported, as in Py_FinalizeEx.
            if (modules.HasKey("threading"))
            {
                using var threading = modules["threading"];
                Report(() => threading.InvokeMethod("_shutdown").Dispose());
            }

            using (var atexit = Py.Import("atexit"))
                Report(() => atexit.InvokeMethod("_run_exitfuncs").Dispose()); // prints its callbacks' errors itself
            return Flush(sys, "stdout") & Flush(sys, "stderr");
        }
    }

    private static bool Flush(PyObject sys, string name)
    {
        try
        {
            using var stream = sys.GetAttr(name);
            if (!stream.IsNone())
                stream.InvokeMethod("flush").Dispose();
            return true;
        }
        catch (PythonException error)
        {
            PrintError(error);
            return false;
        }
    }

    private static void Report(Action action)
    {
        try
        {
            action();
        }
        catch (PythonException error)
        {
            PrintError(error);
        }
    }

    /// <summary>Prints a Python error the way PyErr_Print would, through <c>sys.excepthook</c>.</summary>
    private static void PrintError(PythonException error)
    {
        try
        {
            using var sys = Py.Import("sys");
            using var none = PyObject.None;
            sys.InvokeMethod("excepthook", error.Type, error.Value ?? none, error.Traceback ?? none).Dispose();
        }
        catch (PythonException)
        {
            Console.Error.WriteLine(error.Format());
        }
    }
}
