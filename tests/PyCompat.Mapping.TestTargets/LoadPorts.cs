using PyCompat.Multiprocessing;

namespace PyCompat.Mapping.TestTargets;

/// <summary>The C# port of the load script's target (tests/PyCompat.PythonHost.Tests/scripts/mp_load.py, shared).</summary>
public static class LoadPorts
{
    [PyTarget("mp_load", "printer")]
    public static void Printer(int child)
    {
        for (var line = 0; line < 100; line++)
            Console.WriteLine($"child {child} line {line}");
    }
}
