using System.Text.RegularExpressions;

namespace PyCompat.Cli.Tests;

/// <summary><c>pycompat run</c> has one parser, and its help describes exactly what that parser accepts.</summary>
public sealed partial class RunCommandLineTests
{
    [Fact]
    public void Every_option_the_help_lists_is_one_the_parser_accepts_before_the_script()
    {
        var help = RunCommandLine.Help("description");
        var listed = OptionRow().Matches(help).Select(m => (Name: m.Groups[1].Value, Value: m.Groups[2].Value)).ToList();

        Assert.Equal(["--python", "--start-method", "--engine", "--map", "--targets", "--strict"], listed.Select(o => o.Name));
        foreach (var (name, value) in listed)
        {
            string[] tokens = value.Length == 0 ? ["--map", name, "x.py"] : ["--map", name, value.Split('|')[0], "x.py"];
            var invocation = RunCommandLine.Parse(tokens);
            Assert.True(invocation.Options is not null, $"{string.Join(' ', tokens)}: {invocation}");
        }
    }

    [Fact]
    public void Every_token_after_the_script_is_the_scripts_even_those_that_look_like_runs_options()
    {
        var invocation = RunCommandLine.Parse(["--engine", "pythonnet", "x.py", "--help", "--python", "--map", "--", "-h"]);

        Assert.Equal("x.py", invocation.Options?.Script);
        Assert.Equal(["--help", "--python", "--map", "--", "-h"], invocation.Options?.Arguments);
        Assert.Equal("pythonnet", invocation.Options?.Engine);
        Assert.Null(invocation.Options?.Map);
    }

    [Theory]
    [InlineData("--python=/p", "x.py")]
    [InlineData("--python", "/p", "x.py")]
    public void A_value_follows_its_option_or_an_equals_sign(params string[] tokens) =>
        Assert.Equal("/p", RunCommandLine.Parse(tokens).Options?.Python);

    [Theory]
    [InlineData("unknown option --nope; the options go before SCRIPT (see pycompat run --help)", "--nope", "x.py")]
    [InlineData("unknown option --map=yes; the options go before SCRIPT (see pycompat run --help)", "--map=yes", "x.py")]
    [InlineData("--engine needs a value (see pycompat run --help)", "--engine")]
    [InlineData("--start-method teleport is not one of fork, spawn, forkserver", "--start-method", "teleport", "x.py")]
    [InlineData("--targets goes with --map (pycompat run --map [--targets ASSEMBLY.dll] [--strict] SCRIPT.py)", "--targets", "a.dll", "x.py")]
    public void A_mistake_is_one_line_saying_what_to_do(string error, params string[] tokens) =>
        Assert.Equal(error, RunCommandLine.Parse(tokens).Error);

    [Theory]
    [InlineData]
    [InlineData("--help", "x.py")]
    [InlineData("--")]
    public void No_script_or_a_help_option_before_it_asks_for_help(params string[] tokens) =>
        Assert.True(RunCommandLine.Parse(tokens).Help);

    [GeneratedRegex(@"^  (--[a-z-]+)(?: <([^>]+)>)?\s", RegexOptions.Multiline)]
    private static partial Regex OptionRow();
}
