using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>A Process subclass that overrides Run() runs that override in a .NET child, with the state it had here.</summary>
public sealed class SubclassTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_child_runs_the_override_with_the_fields_the_parent_set_and_is_itself_the_current_process()
    {
        var path = _temp.File("report");
        var p = new ReportingWorker(path, 3, ["a", "é"], daemon: true);
        p.Start();
        p.Join(Patience);

        Assert.Equal(0, p.ExitCode);
        Assert.Equal($"{p.Name}|3|a,é|True|True|True", File.ReadAllText(path));
    }

    [Fact]
    public void A_subclass_is_named_after_its_class_as_in_python_unless_given_a_name()
    {
        var unnamed = new ReportingWorker(_temp.File("x"), 0, []);
        var named = new ReportingWorker(_temp.File("y"), 0, [], name: "given");

        Assert.Matches(@"^ReportingWorker-\d+$", unnamed.Name);
        Assert.Equal("given", named.Name);
    }

    [Fact]
    public void A_field_that_cannot_pickle_fails_at_start_in_the_parent_and_names_the_field()
    {
        var p = new UnpicklableWorker();

        var error = Assert.Throws<PicklingError>(p.Start);

        Assert.Contains("field '_stream' of UnpicklableWorker", error.Message);
        Assert.Null(p.Pid);
    }

    [Fact]
    public void SystemExit_in_the_override_is_the_childs_exit_code()
    {
        var p = new ExitingWorker();
        p.Start();
        p.Join(Patience);

        Assert.Equal(7, p.ExitCode);
    }
}
