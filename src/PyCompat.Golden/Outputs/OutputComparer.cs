using System.Globalization;
using System.Text.RegularExpressions;
using DiffPlex.Renderer;
using PyCompat.Golden.Policies;

namespace PyCompat.Golden.Outputs;

/// <summary>Compares an output with its reference under a policy, and explains a difference as a unified diff.</summary>
internal static partial class OutputComparer
{
    /// <summary>
    /// Renders both sides canonically under <paramref name="policy"/> (normalised; sorted for a multiset) and compares
    /// the texts; a difference comes with a unified diff whose <c>-</c> lines are the reference's.
    /// </summary>
    /// <param name="expected">The reference.</param>
    /// <param name="actual">The output under test.</param>
    /// <param name="policy">How the two are compared.</param>
    /// <param name="expectedLabel">The diff's <c>---</c> name.</param>
    /// <param name="actualLabel">The diff's <c>+++</c> name.</param>
    /// <param name="streams">Which parts are compared.</param>
    /// <param name="expectedLineOffset">
    /// Lines the reference's file has before its canonical text (a golden's comment lines), added to the <c>-</c>
    /// side of each hunk header so that its line numbers are the file's.
    /// </param>
    /// <param name="expectedPolicy">
    /// The policy for the reference's side when it differs from <paramref name="policy"/> (only in the machine it
    /// describes: the book ran on another number of CPUs); null for the same.
    /// </param>
    public static Comparison Compare(ProgramOutput expected, ProgramOutput actual, ExamplePolicy policy,
        string expectedLabel, string actualLabel, Streams streams = Streams.All, int expectedLineOffset = 0, ExamplePolicy? expectedPolicy = null)
    {
        var expectedText = GoldenText.Render(expected, expectedPolicy ?? policy, streams);
        var actualText = GoldenText.Render(actual, policy, streams);
        if (expectedText == actualText)
            return new Comparison(true, expectedText, actualText, "");
        var diff = UnifiedDiff(expectedText, actualText, expectedLabel, actualLabel);
        return new Comparison(false, expectedText, actualText, expectedLineOffset == 0 ? diff : ShiftOldLines(diff, expectedLineOffset));
    }

    /// <summary>A unified diff from <paramref name="oldText"/> to <paramref name="newText"/>, three lines of context.</summary>
    /// <remarks>One final newline is dropped from each side first: both sides of a golden end with one, and the line
    /// splitter would otherwise report an empty last line.</remarks>
    public static string UnifiedDiff(string oldText, string newText, string oldLabel, string newLabel) =>
        UnidiffRenderer.GenerateUnidiff(DropFinalNewline(oldText), DropFinalNewline(newText), oldLabel, newLabel,
            ignoreWhitespace: false, ignoreCase: false, contextLines: 3);

    // "@@ -3,6 +3,6 @@" -> "@@ -5,6 +3,6 @@" for an offset of 2.
    private static string ShiftOldLines(string diff, int offset) => HunkHeader().Replace(diff,
        m => $"@@ -{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + offset}");

    [GeneratedRegex(@"(?m)^@@ -(\d+)")]
    private static partial Regex HunkHeader();

    private static string DropFinalNewline(string text) => text.EndsWith('\n') ? text[..^1] : text;
}
