namespace PyCompat.Golden.Checking;

/// <summary>What <c>pycompat check --update</c> did to one golden.</summary>
internal enum UpdateStatus
{
    /// <summary>CPython printed the same as the golden says (under the policy): the file was not touched.</summary>
    Unchanged,

    /// <summary>There was no golden; it was recorded.</summary>
    Created,

    /// <summary>CPython printed something else: the golden was recorded again.</summary>
    Changed,

    /// <summary>CPython could not be run, or timed out: the golden was not touched.</summary>
    Failed,
}
