namespace PyCompat.Multiprocessing.Tests;

/// <summary>
/// The worker host's GC settings (src/PyCompat.Worker/PyCompat.Worker.csproj): no background GC, and arrays up to
/// 4 MiB in the young generation, where a Connection's received 1 MB messages die cheaply (docs/performance.md).
/// </summary>
public sealed class WorkerGcTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_dotnet_child_keeps_1_MB_arrays_young_and_runs_without_background_GC_unlike_the_default()
    {
        var path = _temp.File("gc.txt");
        var p = new Process(target: Targets.WriteGcSettings, args: [path]);

        p.Start();
        p.Join();

        Assert.Equal(0, p.ExitCode);
        var child = File.ReadAllText(path).Split('|');
        var here = GC.GetConfigurationVariables();
        Assert.True(Convert.ToInt64(here["LOHThreshold"]) < 1_000_000, "the test host itself should have .NET's default threshold");
        Assert.True(Convert.ToInt64(child[0]) > 1_000_000, $"the child's large-object threshold is {child[0]} bytes");
        Assert.Equal("False", child[1]);
    }
}
