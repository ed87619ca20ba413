namespace PyCompat.Golden.Modes;

/// <summary>What a mode's output is compared with.</summary>
public enum Reference
{
    /// <summary>The golden recorded from CPython: exit code, stdout and stderr.</summary>
    Golden,

    /// <summary>The book's own <c>$ python3 NAME.py</c> transcript: stdout only, since that is all the book shows.</summary>
    Book,
}
