namespace PyCompat.Testing;

/// <summary>
/// A fact that needs at least <c>count</c> CPython installs: where fewer are found it is reported as skipped with the
/// reason (xunit 2 decides skips before a test runs, so the count is taken at discovery), never run as a pass. The
/// reason starts with "optional tool missing:", the one kind of skip .ci/run lets through (a missing interpreter).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FactNeedingInterpretersAttribute : FactAttribute
{
    /// <param name="count">How many distinct CPython 3.9+ installs with a shared libpython the test needs.</param>
    public FactNeedingInterpretersAttribute(int count)
    {
        var found = Interpreters.All;
        if (found.Count < count)
            Skip = $"optional tool missing: needs {count} CPython installs with a shared libpython; found {found.Count}" +
                (found.Count == 0 ? "" : $" ({string.Join(", ", found.Select(i => i.Executable))})") +
                "; install another (e.g. with pyenv) to run it";
    }
}
