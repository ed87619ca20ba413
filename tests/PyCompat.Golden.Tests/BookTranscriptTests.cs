using PyCompat.Golden.Book;
using PyCompat.Golden.Checking;
using PyCompat.Golden.Modes;

namespace PyCompat.Golden.Tests;

public sealed class BookTranscriptTests
{
    private static string BookText => File.ReadAllText(ExampleSet.Load(Repository.Examples).Policies.Book!);

    [Fact]
    public void The_book_shows_a_transcript_of_each_of_the_three_runnable_scripts()
    {
        var transcripts = BookTranscripts.Parse(BookText);
        Assert.Equal(["multiprocessing_simple", "multiprocessing_simpleargs", "multiprocessing_import_main"], transcripts.Keys);
        Assert.Equal("Worker: 0\nWorker: 1\nWorker: 2\nWorker: 3\nWorker: 4\n", transcripts["multiprocessing_simpleargs"]);
        Assert.Equal(string.Concat(Enumerable.Repeat("Worker\n", 5)), transcripts["multiprocessing_simple"]);
    }

    [Fact]
    public void Code_blocks_that_are_not_transcripts_are_ignored()
    {
        var transcripts = BookTranscripts.Parse("```\n# a.py\nprint(1)\n```\n\n```\n$ python3 b.py\n1\n```\n");
        Assert.Equal("1\n", Assert.Single(transcripts).Value);
    }

    [Theory]
    [InlineData("multiprocessing_simple")]
    [InlineData("multiprocessing_simpleargs")]
    [InlineData("multiprocessing_import_main")]
    public async Task CPython_prints_what_the_book_shows_under_the_same_policy(string name)
    {
        var check = new GoldenCheck(ExampleSet.Load(Repository.Examples), await Tools.FindAsync("python3"), null, TimeSpan.FromSeconds(60));
        var result = await check.CheckAsync(name, Mode.Book);
        Assert.True(result.Passed, $"{result.Reason}\n{result.Diff}");
    }

    [Fact]
    public async Task A_book_transcript_that_differs_from_CPython_fails_with_a_diff()
    {
        using var copy = Repository.CopyExamples();
        var book = Directory.GetFiles(Path.Combine(copy.Root, "docs", "book")).Single();
        File.WriteAllText(book, File.ReadAllText(book).Replace("Worker: 2\n", "Worker: 7\n", StringComparison.Ordinal));
        var check = new GoldenCheck(ExampleSet.Load(copy.Examples), await Tools.FindAsync("python3"), null, TimeSpan.FromSeconds(60));

        var result = await check.CheckAsync("multiprocessing_simpleargs", Mode.Book);

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Contains("-| Worker: 7", result.Diff, StringComparison.Ordinal);
        Assert.Contains("+| Worker: 2", result.Diff, StringComparison.Ordinal);
    }
}
