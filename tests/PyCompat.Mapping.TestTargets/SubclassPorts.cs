using PyCompat.Multiprocessing;

namespace PyCompat.Mapping.TestTargets;

/// <summary>C# port of <c>mapped_subclass.py</c>'s <c>Counter</c>: its fields come from the Python instance's __dict__.</summary>
[PyClass("mapped_subclass", "Counter")]
public sealed class Counter : Process
{
    // Python's start_at, label and steps: names match ignoring case and underscores.
    private int StartAt { get; init; }

    private string Label { get; init; } = "";

    private List<int> Steps { get; init; } = [];

    private Counter()
    {
    }

    /// <summary><c>def run(self)</c>.</summary>
    public override void Run()
    {
        var total = StartAt + Steps.Sum();
        Console.WriteLine($"{Label} {Name} {total} {CurrentProcess().Name}");
        Console.Out.Flush();
        if (total < 0) throw new SystemExit(3);
    }
}
