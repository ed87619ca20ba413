using System.Globalization;
using System.Text.RegularExpressions;

namespace PyCompat.Golden.Policies.Rules;

/// <summary>
/// A count that may depend on the machine, as a policy writes it: <c>2*cpus</c>, <c>max(5, 2*cpus)</c>,
/// <c>2*cpus+5</c>, a plain number, or a range <c>LOW..HIGH</c> of two such expressions. <c>cpus</c> is the
/// <c>os.cpu_count()</c> of the machine that ran the output: the book's scripts size their pools by it.
/// </summary>
internal sealed partial class CountExpression
{
    private readonly Func<int, int> _low;
    private readonly Func<int, int> _high;

    private CountExpression(string text, Func<int, int> low, Func<int, int> high)
    {
        Text = text;
        _low = low;
        _high = high;
    }

    /// <summary>The expression as the policy wrote it, which canonical lines quote.</summary>
    public string Text { get; }

    /// <summary>True when <paramref name="count"/> is allowed on a machine with <paramref name="cpus"/> CPUs.</summary>
    public bool Allows(int count, int cpus) => cpus > 0 && count >= _low(cpus) && count <= _high(cpus);

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">it is not such an expression; the message says what is.</exception>
    public static CountExpression Parse(string text)
    {
        var trimmed = text.Trim();
        var range = trimmed.Split("..");
        if (range.Length > 2)
            throw new FormatException($"'{text}' has more than one '..'; a count is EXPR or LOW..HIGH");
        var low = ParseSum(range[0]);
        var high = range.Length == 2 ? ParseSum(range[1]) : low;
        return new CountExpression(trimmed, low, high);
    }

    private static Func<int, int> ParseSum(string text)
    {
        var s = Spaces().Replace(text, "");
        if (s.StartsWith("max(", StringComparison.Ordinal) && s.EndsWith(')'))
        {
            var inner = s[4..^1];
            var comma = TopLevelComma(inner);
            if (comma < 0)
                throw new FormatException($"'{text}': max takes two expressions, max(A, B)");
            var (a, b) = (ParseSum(inner[..comma]), ParseSum(inner[(comma + 1)..]));
            return cpus => Math.Max(a(cpus), b(cpus));
        }
        var terms = Term().Matches(s);
        if (s.Length == 0 || string.Concat(terms.Select(m => m.Value)) != s)
            throw new FormatException($"'{text}' is not a count: write a number, cpus, N*cpus, sums of these (2*cpus+5), max(A, B), or LOW..HIGH");
        var parts = terms.Select(m => (Sign: m.Groups["sign"].Value == "-" ? -1 : 1,
            Factor: m.Groups["factor"].Success ? int.Parse(m.Groups["factor"].Value, CultureInfo.InvariantCulture) : 1,
            Cpus: m.Groups["cpus"].Success,
            Number: m.Groups["number"].Success ? int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture) : 0)).ToList();
        return cpus => parts.Sum(p => p.Sign * (p.Cpus ? p.Factor * cpus : p.Number));
    }

    private static int TopLevelComma(string text)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0) return i;
        }
        return -1;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?<sign>^|[+-])(?:(?:(?<factor>\d+)\*)?(?<cpus>cpus)|(?<number>\d+))")]
    private static partial Regex Term();
}
