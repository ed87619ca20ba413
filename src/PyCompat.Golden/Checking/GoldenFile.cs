using PyCompat.Golden.Outputs;
using PyCompat.Golden.Policies;

namespace PyCompat.Golden.Checking;

/// <summary>
/// A golden's whole text: two comment lines (which CPython recorded it, and the policy it is canonical under), then
/// the <see cref="GoldenText"/> of CPython's output.
/// </summary>
internal static class GoldenFile
{
    /// <summary>The text of a golden recorded from <paramref name="python"/> (e.g. <c>CPython 3.11.7</c>).</summary>
    public static string Render(ProgramOutput output, ExamplePolicy policy, string python)
    {
        var sorted = policy.Order == LineOrder.Multiset ? " (so its lines are stored sorted)" : "";
        return $"# {policy.Example}.py as {python} ran it, recorded by `pycompat check --update`: never edit by hand.\n"
            + $"# Compared under {policy.Describe()}{sorted}; see {PolicyFile.FileName}.\n"
            + GoldenText.Render(output, policy);
    }

    /// <summary>
    /// True when two golden texts say the same thing: equal except for the first line, which names the Python
    /// that recorded them (re-recording the same output with another patch release is not a change).
    /// </summary>
    public static bool SameContent(string a, string b) => WithoutFirstLine(a) == WithoutFirstLine(b);

    private static string WithoutFirstLine(string text) => text.IndexOf('\n') is var i and >= 0 ? text[(i + 1)..] : "";
}
