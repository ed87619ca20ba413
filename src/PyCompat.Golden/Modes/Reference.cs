namespace PyCompat.Golden.Modes;

/// <summary>What a mode's output is compared with.</summary>
internal enum Reference
{
    /// <summary>The golden recorded from CPython: exit code, stdout and stderr.</summary>
    Golden,

    /// <summary>The book's own <c>$ python3 NAME.py</c> transcript: the book's generator merged stderr into stdout, so both streams, as one, and no exit code.</summary>
    Book,
}
