namespace PyCompat.Pickling;

/// <summary>Base of PyCompat's pickle failures.</summary>
public class PickleError : Exception
{
    /// <summary>Creates the error with its message.</summary>
    public PickleError(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>A .NET value could not be pickled (Python's <c>pickle.PicklingError</c>).</summary>
public class PicklingError : PickleError
{
    /// <summary>Creates the error with its message.</summary>
    public PicklingError(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>Bytes could not be decoded as a pickle (Python's <c>pickle.UnpicklingError</c>).</summary>
public class UnpicklingError : PickleError
{
    /// <summary>Creates the error with its message.</summary>
    public UnpicklingError(string message, Exception? inner = null) : base(message, inner) { }
}
