namespace PyCompat.Golden.Policies;

/// <summary>How the lines of a stream are compared.</summary>
internal enum LineOrder
{
    /// <summary>The lines must come in the golden's order (<c>order = exact</c>).</summary>
    Exact,

    /// <summary>
    /// The same lines, each as many times, in any order (<c>order = multiset</c>): for processes that race for fd 1.
    /// Such goldens store their lines sorted.
    /// </summary>
    Multiset,
}
