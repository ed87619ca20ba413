using System.Reflection;
using System.Runtime.CompilerServices;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing;

/// <summary>What a child process runs: a static .NET method, or a Python function named by module and name.</summary>
public abstract class ProcessTarget
{
    private protected ProcessTarget() { }

    /// <summary>How the target travels in the pickled process object (a module/name global).</summary>
    public abstract PyGlobal Global { get; }

    /// <summary>The name Python's error messages use for the target, e.g. <c>worker()</c>.</summary>
    internal abstract string DisplayName { get; }

    /// <summary>A Python function, run in a real CPython child: e.g. <c>ProcessTarget.Python("multiprocessing_import_worker", "worker")</c>.</summary>
    /// <param name="module">The module to import in the child.</param>
    /// <param name="name">The function's name in the module.</param>
    /// <param name="searchPath">Folders to put first on the child's <c>sys.path</c> (through PYTHONPATH), where the module lives.</param>
    public static ProcessTarget Python(string module, string name, params string[] searchPath) =>
        new PythonTarget(new PyGlobal(module, name), [.. searchPath.Select(Path.GetFullPath)]);

    /// <summary>A static .NET method (or a lambda that captures nothing), run in the PyCompat worker host.</summary>
    /// <exception cref="ArgumentException">the delegate captures state or is bound to an object, which cannot cross to another process.</exception>
    public static ProcessTarget DotNet(Delegate target) => DotNetTarget.From(target);

    /// <summary>Converts a delegate, as <see cref="DotNet"/> does.</summary>
    public static implicit operator ProcessTarget(Delegate target) => DotNet(target);
}

/// <summary>A Python function: the child is CPython itself.</summary>
internal sealed class PythonTarget(PyGlobal global, IReadOnlyList<string> searchPath) : ProcessTarget
{
    public override PyGlobal Global { get; } = global;

    public IReadOnlyList<string> SearchPath { get; } = searchPath;

    internal override string DisplayName => $"{Global.Name}()";
}

/// <summary>A static .NET method: the child is the PyCompat worker host, which loads <see cref="Method"/>'s assembly.</summary>
internal sealed class DotNetTarget : ProcessTarget
{
    public MethodInfo Method { get; }

    public override PyGlobal Global { get; }

    internal override string DisplayName => $"{Method.Name}()";

    private DotNetTarget(MethodInfo method)
    {
        Method = method;
        var port = method.GetCustomAttributes<PyTargetAttribute>().FirstOrDefault(); // a method may port several functions: any names it
        // Without [PyTarget] the CLR names serve: the worker looks the type up in the assembly the parent names.
        Global = port is not null
            ? new PyGlobal(port.Module, port.Name)
            : new PyGlobal(method.DeclaringType!.FullName!, method.Name);
    }

    public static DotNetTarget From(Delegate target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.GetInvocationList().Length > 1)
            throw new ArgumentException("Can't pickle a multicast delegate: give one static method as the target.", nameof(target));
        var method = target.Method;
        if (method.DeclaringType is null)
            throw new ArgumentException($"Can't pickle {method.Name}: a dynamic method has no name another process can look up.", nameof(target));
        if (target.Target is not null && !IsStatelessLambdaHolder(target.Target))
            throw new ArgumentException(
                $"Can't pickle local object '{method.DeclaringType.Name}.{method.Name}': the target captures state " +
                $"(an instance of {target.Target.GetType().Name}), which cannot cross to another process. " +
                "Make it a static method and pass the values it needs as args.", nameof(target));
        return new DotNetTarget(method);
    }

    /// <summary>The compiler keeps non-capturing lambdas on a singleton with no fields; the child can make its own.</summary>
    private static bool IsStatelessLambdaHolder(object holder)
    {
        var type = holder.GetType();
        return type.IsDefined(typeof(CompilerGeneratedAttribute))
            && type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Length == 0;
    }
}
