namespace PyCompat.Multiprocessing.Tests;

/// <summary>A Process subclass with state of its own: what it was given in the parent must be there in the child.</summary>
public sealed class ReportingWorker : Process
{
    public ReportingWorker(string path, int count, IReadOnlyList<string> items, string? name = null, bool? daemon = null)
        : base(name, daemon)
    {
        Path = path;
        Count = count;
        _items = [.. items];
    }

    /// <summary>The child rebuilds the instance with this constructor, then sets the fields from the pickle.</summary>
    private ReportingWorker()
    {
    }

    public string Path { get; private set; } = "";

    public int Count { get; private set; }

    private List<string> _items = [];

    public override void Run()
    {
        var self = CurrentProcess();
        File.WriteAllText(Path, $"{Name}|{Count}|{string.Join(',', _items)}|{ReferenceEquals(self, this)}|{Daemon}|{Pid == Environment.ProcessId}");
    }
}

/// <summary>A subclass holding something no pickle can carry.</summary>
public sealed class UnpicklableWorker : Process
{
    private readonly MemoryStream _stream = new();

    public override void Run() => _stream.WriteByte(1);
}

/// <summary>A subclass whose Run() exits with a code, as sys.exit(code) in a Python subclass's run().</summary>
public sealed class ExitingWorker : Process
{
    public override void Run() => throw new SystemExit(7);
}
