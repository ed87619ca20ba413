using System.Text.Json;
using PyCompat.Multiprocessing.Spawn;
using PyCompat.PythonHost.Discovery;
using PyCompat.PythonHost.Running;

namespace PyCompat.PythonHost.Mapping;

/// <summary>
/// Turns <see cref="RunOptions.Map"/> into the hook that routes ported targets to the worker host
/// (Resources/pycompat_mapped.py): the ports are read from the assemblies here, in .NET, and handed to the hook as data.
/// </summary>
public static class MappedMode
{
    /// <summary>The hook's module name in the embedded interpreter's <c>sys.modules</c>.</summary>
    public const string HookModule = "pycompat_mapped";

    /// <summary>
    /// <paramref name="options"/> with the mapped-mode hook added, or unchanged when <see cref="RunOptions.Map"/> is null.
    /// </summary>
    /// <param name="options">What <c>pycompat run</c> was asked to do.</param>
    /// <param name="defaultPorts">Assemblies whose ports are mapped without <c>--targets</c> (the CLI's: the book's); the
    /// worker host is handed them as it is handed <c>--targets</c>, so a generic worker runs them.</param>
    /// <exception cref="MappingException">an assembly is missing, unreadable or has no ports, or the worker host is not found.</exception>
    public static RunOptions Apply(RunOptions options, IEnumerable<string> defaultPorts)
    {
        if (options.Map is not { } map)
            return options;

        var targets = map.Targets.Select(Path.GetFullPath).ToArray();
        var defaults = defaultPorts.Select(Path.GetFullPath).ToArray();
        var ports = new List<PortTarget>();
        foreach (var assembly in defaults)
            ports.AddRange(PortScanner.Scan(assembly));
        for (var i = 0; i < targets.Length; i++)
        {
            IReadOnlyList<PortTarget> found;
            try
            {
                found = PortScanner.Scan(targets[i]);
            }
            catch (MappingException error)
            {
                throw new MappingException($"--targets {error.Message}; pass a .NET assembly with static methods marked [PyTarget(module, name)]", error);
            }

            if (found.Count == 0)
                throw new MappingException(
                    $"--targets {map.Targets[i]} has no static method marked [PyTarget(module, name)] and no class marked " +
                    "[PyClass(module, name)]; mark the C# ports with the Python module and function or class they replace");
            ports.AddRange(found);
        }

        WorkerLocator.Worker worker;
        try
        {
            worker = WorkerLocator.Locate();
        }
        catch (FileNotFoundException error)
        {
            throw new MappingException($"--map: {error.Message}", error);
        }

        var source = InterpreterProbe.ReadResource(HookModule + ".py") +
            $"\n\ninstall('{Convert.ToHexString(Configuration(ports, worker, [.. defaults, .. targets], map.Strict))}')\n";
        return options with { Hooks = [.. options.Hooks, new PythonHook(HookModule, source)] };
    }

    /// <summary>The hook's configuration as UTF-8 JSON.</summary>
    internal static byte[] Configuration(IEnumerable<PortTarget> ports, WorkerLocator.Worker worker,
        IReadOnlyList<string> assemblies, bool strict)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, classes) in new[] { ("ports", false), ("classes", true) })
            {
                json.WriteStartArray(key);
                foreach (var port in ports.Distinct().Where(p => p.IsClass == classes))
                {
                    json.WriteStartArray();
                    json.WriteStringValue(port.Module);
                    json.WriteStringValue(port.Name);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
            }

            json.WriteStartArray("worker");
            json.WriteStringValue(worker.Executable);
            foreach (var argument in worker.Prefix)
                json.WriteStringValue(argument);
            json.WriteEndArray();
            json.WriteStartArray("assemblies");
            foreach (var assembly in assemblies)
                json.WriteStringValue(assembly);
            json.WriteEndArray();
            json.WriteBoolean("strict", strict);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
