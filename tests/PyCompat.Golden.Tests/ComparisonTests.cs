using PyCompat.Golden.Checking;
using PyCompat.Golden.Outputs;
using PyCompat.Golden.Policies;

namespace PyCompat.Golden.Tests;

public sealed class ComparisonTests
{
    private static readonly ExamplePolicy Exact = new("x", LineOrder.Exact, [], true, null);
    private static readonly ExamplePolicy Multiset = Exact with { Order = LineOrder.Multiset };

    private static ProgramOutput Stdout(params string[] lines) => new(0, string.Concat(lines.Select(l => l + "\n")), "");

    [Fact]
    public void Under_multiset_the_same_lines_in_another_order_match() =>
        Assert.True(OutputComparer.Compare(Stdout("Worker: 0", "Worker: 1", "Worker: 2"), Stdout("Worker: 2", "Worker: 0", "Worker: 1"), Multiset, "a", "b").Matches);

    [Fact]
    public void Under_exact_the_same_lines_in_another_order_differ_and_the_diff_shows_the_moved_line()
    {
        var comparison = OutputComparer.Compare(Stdout("Worker: 0", "Worker: 1"), Stdout("Worker: 1", "Worker: 0"), Exact, "a", "b");
        Assert.False(comparison.Matches);
        var changed = comparison.Diff.Split('\n').Where(l => l.Length > 0 && (l[0] is '-' or '+') && !l.StartsWith("---") && !l.StartsWith("+++")).ToList();
        Assert.Equal(2, changed.Count);
        Assert.All(changed, line => Assert.Matches(@"^[-+]\| Worker: [01]$", line));
    }

    [Fact]
    public void Under_multiset_a_line_printed_once_too_often_differs()
    {
        var comparison = OutputComparer.Compare(Stdout("Worker", "Worker"), Stdout("Worker", "Worker", "Worker"), Multiset, "a", "b");
        Assert.False(comparison.Matches);
        Assert.Contains("\n+| Worker", comparison.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Under_multiset_a_torn_line_differs()
    {
        var comparison = OutputComparer.Compare(Stdout("Worker", "Worker"), Stdout("WorkerWorker", ""), Multiset, "a", "b");
        Assert.False(comparison.Matches);
    }

    [Fact]
    public void A_port_printing_Worker_9_instead_of_Worker_3_fails_with_a_diff_that_names_that_line()
    {
        var path = Repository.Golden("multiprocessing_simpleargs");
        var golden = GoldenText.Parse(File.ReadAllText(path), path);
        var port = golden with { Stdout = golden.Stdout.Replace("Worker: 3\n", "Worker: 9\n", StringComparison.Ordinal) };
        Assert.NotEqual(golden.Stdout, port.Stdout);

        var policy = ExampleSet.Load(Repository.Examples).Policy("multiprocessing_simpleargs");
        var comparison = OutputComparer.Compare(golden, port, policy, "golden", "port");

        Assert.False(comparison.Matches);
        var changed = comparison.Diff.Split('\n').Where(l => l.Length > 0 && (l[0] is '-' or '+') && !l.StartsWith("---") && !l.StartsWith("+++"));
        Assert.Equal(["-| Worker: 3", "+| Worker: 9"], changed);
        Assert.StartsWith("--- golden\n+++ port\n@@ ", comparison.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void A_different_exit_code_fails_even_when_the_output_is_the_same()
    {
        var comparison = OutputComparer.Compare(Stdout("Worker"), Stdout("Worker") with { ExitCode = 1 }, Exact, "a", "b");
        Assert.False(comparison.Matches);
        Assert.Contains("-exit: 0\n+exit: 1", comparison.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_on_stderr_instead_of_stdout_fails()
    {
        var comparison = OutputComparer.Compare(Stdout("Worker"), new ProgramOutput(0, "", "Worker\n"), Multiset, "a", "b");
        Assert.False(comparison.Matches);
    }

    [Fact]
    public void The_book_comparison_looks_at_stdout_only()
    {
        var book = Stdout("Worker");
        var run = new ProgramOutput(3, "Worker\n", "a warning\n");
        Assert.True(OutputComparer.Compare(book, run, Multiset, "a", "b", Streams.Stdout).Matches);
        Assert.False(OutputComparer.Compare(book, run, Multiset, "a", "b").Matches);
    }
}
