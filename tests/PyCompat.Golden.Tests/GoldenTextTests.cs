using PyCompat.Golden.Checking;
using PyCompat.Golden.Outputs;
using PyCompat.Golden.Policies;

namespace PyCompat.Golden.Tests;

public sealed class GoldenTextTests
{
    private static readonly ExamplePolicy Exact = new("x", LineOrder.Exact, [], true, null);

    [Theory]
    [InlineData(0, "Worker: 0\nWorker: 1\n", "")]
    [InlineData(1, "first\n\n  indented\n| looks like a marker\n", "Traceback (most recent call last):\n  File \"x.py\", line 1\n")]
    [InlineData(0, "no final newline", "")]
    [InlineData(3, "", "stderr without newline")]
    [InlineData(0, "\n", "")]
    public void An_output_reads_back_from_its_text_exactly(int exitCode, string stdout, string stderr)
    {
        var output = new ProgramOutput(exitCode, stdout, stderr);
        Assert.Equal(output, GoldenText.Parse(GoldenText.Render(output, Exact), "test"));
    }

    [Fact]
    public void The_text_keeps_streams_apart_and_marks_a_missing_final_newline() =>
        Assert.Equal("exit: 2\nstdout:\n| out\n\\ no newline at end\nstderr:\n| err\n|\n",
            GoldenText.Render(new ProgramOutput(2, "out", "err\n\n"), Exact));

    [Fact]
    public void A_malformed_golden_is_reported_with_its_line()
    {
        var error = Assert.Throws<FormatException>(() => GoldenText.Parse("# comment\nexit: 0\nstdout:\nWorker\nstderr:\n", "g.txt"));
        Assert.Contains("g.txt:4", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Goldens => new(ExampleSetNames.Runnable());

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Each_golden_in_the_repository_is_stored_canonically_under_its_policy(string name)
    {
        var text = File.ReadAllText(Repository.Golden(name));
        var policy = ExampleSet.Load(Repository.Examples).Policy(name);
        var body = string.Join('\n', text.Split('\n').SkipWhile(l => l.StartsWith('#')));
        Assert.Equal(GoldenText.Render(GoldenText.Parse(text, name), policy), body);
        Assert.StartsWith($"# {name}.py as CPython ", text, StringComparison.Ordinal);
    }
}
