using System.Collections;
using System.Numerics;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>The Python type name of a decoded value, for error messages that speak Python.</summary>
internal static class PyTypeNames
{
    public static string Of(object? value) => value switch
    {
        null => "NoneType",
        bool => "bool",
        int or long or BigInteger => "int",
        double or float => "float",
        string => "str",
        byte[] => "bytes",
        PyTuple => "tuple",
        PyGlobal => "function",
        PyObject o => o.Type.Name,
        PyDict => "dict",
        PyByteArray => "bytearray",
        PyFrozenSet => "frozenset",
        PyDecimal or decimal => "Decimal",
        System.Numerics.Complex => "complex",
        DateTime or DateTimeOffset => "datetime",
        DateOnly => "date",
        TimeOnly => "time",
        TimeSpan => "timedelta",
        IList => "list",
        IEnumerable => "set",
        _ => value.GetType().Name,
    };
}
