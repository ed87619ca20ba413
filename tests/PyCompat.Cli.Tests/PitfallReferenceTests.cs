using System.Text.RegularExpressions;

namespace PyCompat.Cli.Tests;

/// <summary>Code comments cite docs/pitfalls.md by heading, and every such citation names a heading that is there.</summary>
public sealed partial class PitfallReferenceTests
{
    [Fact]
    public void Every_heading_a_comment_cites_in_docs_pitfalls_exists_and_nothing_cites_a_file_outside_the_repository()
    {
        var headings = Heading().Matches(File.ReadAllText(Path.Combine(Repo.Root, "docs", "pitfalls.md")))
            .Select(m => m.Groups[1].Value.Trim()).ToHashSet();
        var sources = new[] { "src", "tests", "bench" }
            .Select(folder => Path.Combine(Repo.Root, folder))
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(file => Path.GetExtension(file) is ".cs" or ".csproj" or ".py" or ".props" or ".targets")
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") &&
                           !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"));

        var cited = 0;
        foreach (var file in sources)
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains(OutsideNotes, StringComparison.Ordinal), $"{file} cites {OutsideNotes}, which is not in the repository");
            foreach (Match citation in Citation().Matches(text))
            {
                cited++;
                foreach (var name in new[] { citation.Groups[1], citation.Groups[2] }.Where(g => g.Success))
                    Assert.True(headings.Contains(name.Value), $"{file} cites \"{name.Value}\", which docs/pitfalls.md has no heading for");
            }
        }
        Assert.True(cited > 0, "no comment cites docs/pitfalls.md: the search found nothing to check");
    }

    /// <summary>The design notes outside the repository that comments used to cite (spelt so this file does not).</summary>
    private static readonly string OutsideNotes = string.Concat("PIT", "FALLS");

    [GeneratedRegex(@"^#{2,3} (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    /// <summary>The file's name, a comma, then one quoted heading, or two separated by a semicolon.</summary>
    [GeneratedRegex(@"docs/pitfalls\.md, ""([^""]+)""(?:; ""([^""]+)"")?")]
    private static partial Regex Citation();
}
