using PyCompat.Golden.Checking;
using PyCompat.Golden.Modes;
using PyCompat.PythonHost.Mapping;

namespace PyCompat.Cli;

/// <summary>
/// Whether the <c>mapped</c> and <c>port</c> modes have anything of .NET to run for an example, decided before
/// running from the attributes themselves: <c>[PyTarget]</c> ports (read from the port assemblies with
/// <see cref="PortScanner"/>, the same list <c>pycompat run --map</c> routes by) for the script's module and the
/// examples it imports, and <c>[PyExample]</c> for a port of the whole script. An example without them is n/a there,
/// never a pass that ran entirely in CPython.
/// </summary>
internal sealed class PortAvailability(ExampleSet examples, PortSet portSet)
{
    private readonly IReadOnlyList<PortTarget> _targets = [.. portSet.Assemblies.SelectMany(a => PortScanner.Scan(a.Location))];

    /// <summary>The ported targets the processes of <paramref name="example"/> can run.</summary>
    public IReadOnlyList<PortTarget> PortsOf(string example)
    {
        var modules = examples.ModulesOf(example);
        return [.. _targets.Where(p => modules.Contains(p.Module, StringComparer.Ordinal)).Distinct()];
    }

    /// <summary>Mapped mode applies when a target of the script or of a module it imports has a C# port.</summary>
    public Availability ForMapped(string example) => PortsOf(example).Count > 0
        ? Availability.Available
        : Availability.NotApplicable("no [PyTarget] port for a target in the script or the examples it imports, so every process would run in CPython");

    /// <summary>Port mode applies when the port assemblies have a <c>[PyExample]</c> port of the script.</summary>
    public Availability ForPort(string example) => portSet.Find(example) is null
        ? Availability.NoPort($"{portSet.Describe()} has no [PyExample(\"NAME\")] C# port of the script")
        : Availability.Available;
}
