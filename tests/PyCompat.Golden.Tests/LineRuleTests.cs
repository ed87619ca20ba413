using PyCompat.Golden.Policies.Rules;

namespace PyCompat.Golden.Tests;

public sealed class LineRuleTests
{
    private static IReadOnlyList<string> Apply(string key, string value, int cpus, params string[] lines) =>
        LineRule.Parse(key, value).Apply(lines, cpus);

    [Fact]
    public void Numbered_lines_1_to_K_with_K_allowed_become_one_line_and_a_gap_or_a_repeat_stays()
    {
        const string rule = "Starting W-{n}; max(5, 2*cpus)..2*cpus+5";
        string[] five = ["a", "Starting W-2", "Starting W-1", "Starting W-3", "Starting W-5", "Starting W-4"];
        Assert.Equal(["a", "Starting W-{n} for n = 1..K, K = max(5, 2*cpus)..2*cpus+5"], Apply("numbered", rule, 2, five));
        Assert.Equal(five[..5], Apply("numbered", rule, 2, five[..5]));                          // K = 4 < 5
        Assert.Equal([.. five, "Starting W-7"], Apply("numbered", rule, 2, [.. five, "Starting W-7"]));   // a gap
        Assert.Equal([.. five, "Starting W-5"], Apply("numbered", rule, 2, [.. five, "Starting W-5"]));   // twice
        Assert.Equal(five, Apply("numbered", rule, 0, five));                                     // cpus unknown
    }

    [Fact]
    public void A_computed_number_must_be_the_one_the_machine_gives()
    {
        Assert.Equal(["Creating {n} consumers with n = 2*cpus"], Apply("computed", "Creating {n} consumers; 2*cpus", 2, "Creating 4 consumers"));
        Assert.Equal(["Creating 5 consumers"], Apply("computed", "Creating {n} consumers; 2*cpus", 2, "Creating 5 consumers"));
    }

    [Fact]
    public void Either_line_becomes_the_first_and_a_third_stays()
    {
        Assert.Equal(["A", "A", "C"], Apply("either", "A | B", 1, "A", "B", "C"));
    }

    [Fact]
    public void Repeats_collapses_one_or_more_and_keeps_zero()
    {
        Assert.Equal(["x", "N (printed 1 or more times)", "y"], Apply("repeats", "N", 1, "x", "N", "N", "y", "N"));
        Assert.Equal(["x"], Apply("repeats", "N", 1, "x"));
    }

    [Fact]
    public void Maybe_accepts_once_or_never_and_not_twice()
    {
        Assert.Equal(["x", "L (printed at most once)"], Apply("maybe", "L", 1, "x", "L"));
        Assert.Equal(["x", "L (printed at most once)"], Apply("maybe", "L", 1, "x"));
        Assert.Equal(["L", "L"], Apply("maybe", "L", 1, "L", "L"));
    }

    [Theory]
    [InlineData("2*cpus", 2, 4, true)]
    [InlineData("2*cpus", 2, 5, false)]
    [InlineData("max(5, 2*cpus)..2*cpus+5", 2, 9, true)]
    [InlineData("max(5, 2*cpus)..2*cpus+5", 2, 10, false)]
    [InlineData("max(5, 2*cpus)..2*cpus+5", 4, 7, false)]
    [InlineData("cpus-1..cpus", 3, 2, true)]
    public void A_count_expression_allows_what_it_says(string text, int cpus, int count, bool allowed) =>
        Assert.Equal(allowed, CountExpression.Parse(text).Allows(count, cpus));
}
