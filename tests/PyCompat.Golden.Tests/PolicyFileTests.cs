using PyCompat.Golden.Checking;
using PyCompat.Golden.Policies;

namespace PyCompat.Golden.Tests;

public sealed class PolicyFileTests
{
    [Fact]
    public void The_repository_policy_file_has_a_section_for_every_script_and_marks_the_worker_module_as_not_run()
    {
        var examples = ExampleSet.Load(Repository.Examples);
        var scripts = Directory.GetFiles(Repository.Examples, "*.py").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        Assert.Equal(scripts, examples.Names);
        Assert.False(examples.Policy("multiprocessing_import_worker").Runs);
        Assert.All(examples.Names.Where(n => n != "multiprocessing_import_worker"), n => Assert.True(examples.Policy(n).Runs, n));
        Assert.All(examples.Names, n => Assert.False(string.IsNullOrEmpty(examples.Policy(n).Note), $"[{n}] says nothing about why its policy is what it is"));
    }

    [Fact]
    public void A_section_reads_its_order_normalisers_and_note()
    {
        var file = PolicyFile.Parse("[a]  # why\norder = exact\nnormalise = pid, pool-worker\n", "p.txt");
        var policy = file.Examples["a"];
        Assert.Equal(LineOrder.Exact, policy.Order);
        Assert.Equal([Normaliser.Pid, Normaliser.PoolWorker], policy.Normalisers);
        Assert.Equal("why", policy.Note);
        Assert.Equal("order = exact, normalise = pid, pool-worker", policy.Describe());
    }

    [Theory]
    [InlineData("[a]\norder = exact\nnormalise = time\n", "p.txt:3", "no normaliser 'time'")]
    [InlineData("[a]\nnormalise = none\n", "p.txt:1", "does not say 'order = ...'")]
    [InlineData("[a]\norder = sorted\nnormalise = none\n", "p.txt:2", "order is 'exact' or 'multiset'")]
    [InlineData("[a]\norder = exact\nnormalise = none\ncolour = red\n", "p.txt:4", "unknown key 'colour'")]
    [InlineData("[a]\norder exact\n", "p.txt:2", "expected 'key = value'")]
    [InlineData("order = exact\n", "p.txt:1", "only 'book = PATH, ...'")]
    [InlineData("[a]\nrun = no\norder = exact\n", "p.txt:1", "run = no")]
    [InlineData("[a]\norder = exact\nnormalise = none\nnumbered = Worker; 3\n", "p.txt:4", "{n} exactly once")]
    [InlineData("[a]\norder = exact\nnormalise = none\nnumbered = Worker-{n}; lots\n", "p.txt:4", "is not a count")]
    [InlineData("[a]\norder = exact\nnormalise = none\neither = one\n", "p.txt:4", "two or more whole lines")]
    public void A_mistake_in_the_policy_file_is_reported_with_its_line(string text, string where, string message)
    {
        var error = Assert.Throws<PolicyFormatException>(() => PolicyFile.Parse(text, "p.txt"));
        Assert.StartsWith(where + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_reads_its_line_rules_in_order()
    {
        var policy = PolicyFile.Parse("[a]  # why\norder = multiset\nnormalise = pool-worker\nnumbered = Starting PoolWorker-{n}; max(5, 2*cpus)..2*cpus+5\nmaybe = x\nmaybe = y\n", "p.txt").Examples["a"];
        Assert.Equal(["numbered", "maybe", "maybe"], policy.Rules.Select(r => r.Key));
        Assert.Equal("order = multiset, normalise = pool-worker, numbered = Starting PoolWorker-{n}; max(5, 2*cpus)..2*cpus+5, maybe = x, maybe = y", policy.Describe());
    }

    [Fact]
    public void A_script_without_a_policy_section_stops_the_check()
    {
        using var copy = Repository.CopyExamples();
        File.WriteAllText(Path.Combine(copy.Examples, "extra.py"), "print('extra')\n");
        var error = Assert.Throws<PolicyFormatException>(() => ExampleSet.Load(copy.Examples));
        Assert.Contains("extra.py has no [extra] section", error.Message, StringComparison.Ordinal);
    }
}
