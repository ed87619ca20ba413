using PyCompat.PythonHost.Mapping;

namespace PyCompat.Mapping.Tests;

/// <summary>The host reads the ports from assembly metadata: the same [PyTarget] methods the worker host resolves.</summary>
public sealed class PortScannerTests
{
    [Fact]
    public void The_static_methods_marked_pytarget_are_listed_with_their_python_module_and_name()
    {
        var ports = PortScanner.Scan(Support.Run.TestTargets);

        Assert.Contains(new PortTarget("mapped_arguments", "show"), ports);
        Assert.Contains(new PortTarget("mapped_mixed", "ported"), ports);
        Assert.DoesNotContain(ports, p => p.Name == "not_ported");
        Assert.Equal(9, ports.Count);
    }

    [Fact]
    public void The_worker_hosts_built_in_ports_include_the_books_targets()
    {
        var ports = PyCompat.Worker.BuiltInPorts.Assemblies.SelectMany(a => PortScanner.Scan(a.Location)).ToList();

        Assert.Contains(new PortTarget("multiprocessing_simple", "worker"), ports);
        Assert.Contains(new PortTarget("multiprocessing_simpleargs", "worker"), ports);
        Assert.Contains(new PortTarget("multiprocessing_import_worker", "worker"), ports);
    }
}
