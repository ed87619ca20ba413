using PyCompat.Multiprocessing;

namespace PyCompat.Mapping.TestTargets;

/// <summary>The C# port of <c>mapped_load.py</c>'s target.</summary>
public static class LoadPorts
{
    [PyTarget("mapped_load", "printer")]
    public static void Printer(int child)
    {
        for (var line = 0; line < 100; line++)
            Console.WriteLine($"child {child} line {line}");
    }
}
