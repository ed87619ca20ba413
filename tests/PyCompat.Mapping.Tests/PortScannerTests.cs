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
        Assert.Contains(new PortTarget("mapped_subclass", "Counter", IsClass: true), ports);
        Assert.DoesNotContain(ports, p => p.Name == "not_ported");
        // What the metadata scan finds is exactly what reflection over the loaded assembly finds.
        var reflected = typeof(TestTargets.ArgumentPorts).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            .SelectMany(m => m.GetCustomAttributes(typeof(PyCompat.Multiprocessing.PyTargetAttribute), false).Cast<PyCompat.Multiprocessing.PyTargetAttribute>())
            .Select(a => new PortTarget(a.Module, a.Name))
            .Concat(typeof(TestTargets.ArgumentPorts).Assembly.GetTypes()
                .SelectMany(t => t.GetCustomAttributes(typeof(PyCompat.Multiprocessing.PyClassAttribute), false).Cast<PyCompat.Multiprocessing.PyClassAttribute>())
                .Select(a => new PortTarget(a.Module, a.Name, IsClass: true)))
            .ToHashSet();
        Assert.Equal(reflected.OrderBy(p => p.ToString()), ports.OrderBy(p => p.ToString()));
    }

    [Fact]
    public void The_books_port_assemblies_include_the_books_targets()
    {
        var ports = PyCompat.Examples.ExampleCatalog.PortAssemblies.SelectMany(a => PortScanner.Scan(a.Location)).ToList();

        Assert.Contains(new PortTarget("multiprocessing_simple", "worker"), ports);
        Assert.Contains(new PortTarget("multiprocessing_simpleargs", "worker"), ports);
        Assert.Contains(new PortTarget("multiprocessing_import_worker", "worker"), ports);
        Assert.Contains(new PortTarget("multiprocessing_subclass", "Worker", IsClass: true), ports);
    }
}
