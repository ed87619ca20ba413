using PyCompat.PythonHost.Discovery;
using Python.Runtime;

namespace PyCompat.PythonHost.Bridge;

/// <summary>
/// Reads Python functions' signatures in CPython embedded through Python.NET: imports each module from a folder and
/// asks <c>inspect.signature</c>, through pythonnet's object API. Importing runs the module's top level (not its
/// <c>if __name__ == "__main__":</c> block); what it prints is kept off this process's stdout.
/// </summary>
public static class SignatureReader
{
    /// <summary>Looks up each <c>(module, name)</c> in modules found in <paramref name="folder"/>.</summary>
    /// <param name="install">The CPython to embed (<see cref="PythonLocator"/>); one per process.</param>
    /// <param name="folder">Where the modules' files are; it goes first on <c>sys.path</c>.</param>
    /// <param name="functions">The functions to look up, as module and name.</param>
    public static IReadOnlyList<PythonFunctionLookup> Read(PythonInstall install, string folder, IEnumerable<(string Module, string Name)> functions) =>
        WithFolderOnPath(install, folder, (sys, full) =>
        {
            using var inspect = Py.Import("inspect");
            return (IReadOnlyList<PythonFunctionLookup>)[.. functions.Select(f => Lookup(sys, inspect, full, f.Module, f.Name))];
        });

    /// <summary>Looks up each <c>(module, name)</c> class in modules found in <paramref name="folder"/>: what it derives
    /// from, and whether it is a <c>multiprocessing</c> Process subclass with a <c>run</c> of its own.</summary>
    /// <param name="install">The CPython to embed (<see cref="PythonLocator"/>); one per process.</param>
    /// <param name="folder">Where the modules' files are; it goes first on <c>sys.path</c>.</param>
    /// <param name="classes">The classes to look up, as module and name.</param>
    public static IReadOnlyList<PythonClassLookup> ReadClasses(PythonInstall install, string folder, IEnumerable<(string Module, string Name)> classes) =>
        WithFolderOnPath(install, folder, (sys, full) =>
        {
            using var process = Py.Import("multiprocessing.process");
            using var baseProcess = process.GetAttr("BaseProcess");
            return (IReadOnlyList<PythonClassLookup>)[.. classes.Select(c => LookupClass(sys, baseProcess, full, c.Module, c.Name))];
        });

    /// <summary>Starts CPython (once per process), puts the folder first on <c>sys.path</c> (once), and runs
    /// <paramref name="read"/> under the GIL with <c>sys</c> and the folder's full path.</summary>
    private static T WithFolderOnPath<T>(PythonInstall install, string folder, Func<PyObject, string, T> read)
    {
        folder = Path.GetFullPath(folder);
        PythonNetRuntime.Start(install, pythonSignals: false);
        using (Py.GIL())
        {
            using var sys = Py.Import("sys");
            using (var path = sys.GetAttr("path"))
                if (!path.InvokeMethod("__contains__", new PyString(folder)).IsTrue())
                    path.InvokeMethod("insert", new PyInt(0), new PyString(folder)).Dispose();
            return read(sys, folder);
        }
    }

    private static PythonClassLookup LookupClass(PyObject sys, PyObject baseProcess, string folder, string module, string name)
    {
        var (imported, status, problem) = ImportAttribute(sys, folder, module, name, "class");
        if (imported is null) return new(module, name, status, Problem: problem);
        using (imported)
        {
            using var found = imported.GetAttr(name);
            using var builtins = Py.Import("builtins");
            using var type = builtins.GetAttr("type");
            if (!builtins.InvokeMethod("isinstance", found, type).IsTrue())
                return new(module, name, LookupStatus.NoSignature, Problem: $"{module}.{name} is not a class");
            using var bases = found.GetAttr("__bases__");
            var baseNames = new List<string>();
            foreach (var b in new PyIterable(bases))
                using (b)
                    baseNames.Add($"{b.GetAttr("__module__").As<string>()}.{b.GetAttr("__qualname__").As<string>()}");
            var isProcess = builtins.InvokeMethod("issubclass", found, baseProcess).IsTrue();
            using var operators = Py.Import("operator");
            using var run = found.HasAttr("run") ? found.GetAttr("run") : null;
            using var baseRun = baseProcess.GetAttr("run");
            return new(module, name, LookupStatus.Found,
                Description: $"class {name}({string.Join(", ", baseNames)})",
                IsProcess: isProcess,
                DefinesRun: isProcess && run is not null && !operators.InvokeMethod("is_", run, baseRun).IsTrue());
        }
    }

    private static PythonFunctionLookup Lookup(PyObject sys, PyObject inspect, string folder, string module, string name)
    {
        var (imported, status, problem) = ImportAttribute(sys, folder, module, name, "function");
        if (imported is null) return new(module, name, status, Problem: problem);
        using (imported)
        {
            try
            {
                using var function = imported.GetAttr(name);
                using var signature = inspect.InvokeMethod("signature", function);
                return new(module, name, LookupStatus.Found, Describe(name, signature));
            }
            catch (PythonException error)
            {
                return new(module, name, LookupStatus.NoSignature, Problem: $"{module}.{name} has no signature: {OneLine(error)}");
            }
        }
    }

    private static PythonSignature Describe(string name, PyObject signature)
    {
        var parameters = new List<PythonParameter>();
        using var empty = signature.GetAttr("empty");
        using var operators = Py.Import("operator");
        using var values = new PyIterable(signature.GetAttr("parameters").InvokeMethod("values"));
        foreach (var parameter in values)
        {
            using (parameter)
            using (var kind = parameter.GetAttr("kind"))
            using (var defaultValue = parameter.GetAttr("default"))
            {
                parameters.Add(new PythonParameter(
                    parameter.GetAttr("name").As<string>(),
                    (PythonParameterKind)kind.As<int>(),
                    HasDefault: !operators.InvokeMethod("is_", defaultValue, empty).IsTrue()));
            }
        }

        return new PythonSignature(name, signature.ToString() ?? "()", parameters);
    }

    /// <summary>Imports <paramref name="module"/> from the folder (quietly) and checks it has <paramref name="name"/>: the
    /// module, or null with why not (no file, the import raised, no such attribute).</summary>
    private static (PyObject? Module, LookupStatus Status, string? Problem) ImportAttribute(
        PyObject sys, string folder, string module, string name, string what)
    {
        if (ModuleFile(folder, module) is null)
            return (null, LookupStatus.ModuleNotFound, $"module not found: no {module.Replace('.', '/')}.py in {folder}");
        PyObject imported;
        try
        {
            imported = Quietly(sys, () => Py.Import(module));
        }
        catch (PythonException error)
        {
            return (null, LookupStatus.ImportFailed, $"import {module} failed: {OneLine(error)}");
        }
        if (imported.HasAttr(name)) return (imported, LookupStatus.Found, null);
        imported.Dispose();
        return (null, LookupStatus.NoSuchFunction, $"module {module} has no {what} {name}");
    }

    /// <summary>The module's source file or package, as the import system would find it in the folder.</summary>
    private static string? ModuleFile(string folder, string module)
    {
        var relative = Path.Combine(module.Split('.'));
        return new[] { Path.Combine(folder, relative + ".py"), Path.Combine(folder, relative, "__init__.py") }
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs <paramref name="action"/> with Python's stdout sent to a throw-away buffer.</summary>
    private static T Quietly<T>(PyObject sys, Func<T> action)
    {
        using var io = Py.Import("io");
        using var saved = sys.GetAttr("stdout");
        using var buffer = io.InvokeMethod("StringIO");
        sys.SetAttr("stdout", buffer);
        try
        {
            return action();
        }
        finally
        {
            sys.SetAttr("stdout", saved);
        }
    }

    private static string OneLine(PythonException error)
    {
        var lines = error.Format().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0 ? lines[^1] : error.Message;
    }
}
