namespace PyCompat.PythonHost.Mapping;

/// <summary>Mapped mode cannot start: the one-line message says what is wrong and what to pass instead.</summary>
public sealed class MappingException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public MappingException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the error behind it.</summary>
    public MappingException(string message, Exception inner) : base(message, inner)
    {
    }
}
