using PyCompat.Golden.Book;
using PyCompat.Golden.Checking;
using PyCompat.Golden.Modes;
using PyCompat.Golden.Policies;

namespace PyCompat.Golden.Tests;

public sealed class BookTranscriptTests
{
    [Fact]
    public void The_books_rst_files_show_a_transcript_of_every_script_but_the_one_with_a_no_transcript_exception()
    {
        var examples = ExampleSet.Load(Repository.Examples);
        var runnable = examples.Names.Where(n => examples.Policy(n).Runs).ToList();
        var without = runnable.Where(n => examples.BookExceptionsOf(n).Any(e => e.Kind == "no-transcript")).ToList();

        Assert.Equal(["multiprocessing_mapreduce"], without);
        Assert.Equal(runnable.Except(without).Order(StringComparer.Ordinal), examples.BookTranscripts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Worker: 0\nWorker: 1\nWorker: 2\nWorker: 3\nWorker: 4\n", examples.BookTranscripts["multiprocessing_simpleargs"]);
    }

    [Fact]
    public void A_cog_block_gives_the_lines_after_the_prompt_without_the_tab_cogs_empty_line_or_interpreter_flags()
    {
        var rst = ".. {{{cog\n.. cog.out(run_script(cog.inFile, '-u a.py'))\n.. }}}\n\n.. code-block:: none\n\n\t$ python3 -u a.py\n\t\n\tone\n\t\n\t  two\n\n.. {{{end}}}\n";
        Assert.Equal("one\n\n  two\n", Assert.Single(BookTranscripts.ParseRst(rst), t => t.Key == "a").Value);
    }

    [Fact]
    public void Code_blocks_that_are_not_transcripts_are_ignored()
    {
        var transcripts = BookTranscripts.Parse("```\n# a.py\nprint(1)\n```\n\n```\n$ python3 b.py\n1\n```\n");
        Assert.Equal("1\n", Assert.Single(transcripts).Value);
        Assert.Empty(BookTranscripts.ParseRst(".. literalinclude:: a.py\n\n.. code-block:: none\n\n\t$ python3 a.py\n\t1\n"));
    }

    [Fact]
    public async Task A_book_transcript_that_differs_from_CPython_fails_with_a_diff()
    {
        using var copy = Repository.CopyExamples();
        var book = Path.Combine(copy.Examples, "basics.rst");
        File.WriteAllText(book, File.ReadAllText(book).Replace("\tWorker: 2\n", "\tWorker: 7\n", StringComparison.Ordinal));
        var check = new GoldenCheck(ExampleSet.Load(copy.Examples), await Tools.FindAsync("python3"), null, TimeSpan.FromSeconds(60));

        var result = await check.CheckAsync("multiprocessing_simpleargs", Mode.Book);

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Contains("-| Worker: 7", result.Diff, StringComparison.Ordinal);
        Assert.Contains("+| Worker: 2", result.Diff, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multiprocessing_manager_dict", "wrapped")]
    [InlineData("multiprocessing_terminate", "process-repr")]
    [InlineData("multiprocessing_producer_consumer", "cpus")]
    public async Task Without_its_named_exception_the_book_differs_from_CPython(string example, string kind)
    {
        using var copy = Repository.CopyExamples();
        var file = Path.Combine(copy.Examples, "golden", "book-exceptions.txt");
        var lines = File.ReadAllLines(file);
        Assert.Contains(lines, l => l.StartsWith(kind + " =", StringComparison.Ordinal));
        var section = Array.IndexOf(lines, $"[{example}]");
        File.WriteAllLines(file, lines.Where((l, i) => !(i > section && l.StartsWith(kind + " =", StringComparison.Ordinal) && !lines[section..i].Skip(1).Any(s => s.StartsWith('[')))));
        var tools = await Tools.FindAsync("python3");

        var with = await new GoldenCheck(ExampleSet.Load(Repository.Examples), tools, null, TimeSpan.FromSeconds(60)).CheckAsync(example, Mode.Book);
        var without = await new GoldenCheck(ExampleSet.Load(copy.Examples), tools, null, TimeSpan.FromSeconds(60)).CheckAsync(example, Mode.Book);

        Assert.True(with.Passed, $"{with.Reason}\n{with.Diff}");
        Assert.Equal(CellStatus.Failed, without.Status);
    }

    [Theory]
    [InlineData("[a]\nwrapped = x\n", "p.txt:2", "needs its explanation")]
    [InlineData("[a]\nsilence = x  # why\n", "p.txt:2", "no book exception 'silence'")]
    [InlineData("[a]\ncpus = many  # why\n", "p.txt:2", "a number")]
    public void A_book_exception_must_be_a_known_kind_and_say_why(string text, string where, string message)
    {
        var error = Assert.Throws<PolicyFormatException>(() => BookExceptionFile.Parse(text, "p.txt"));
        Assert.StartsWith(where + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
