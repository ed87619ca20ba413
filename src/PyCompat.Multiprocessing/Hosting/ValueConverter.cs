using System.Collections;
using System.Numerics;
using PyCompat.Multiprocessing.Reduction;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Hosting;

/// <summary>
/// Converts a decoded Python value to a C# parameter type, the way a port's author expects: Python int to any integer
/// type that holds it, int or float to double, sequences to arrays and lists, dict to dictionaries, set to sets.
/// </summary>
internal static class ValueConverter
{
    /// <summary>Tries the conversion; <c>false</c> when <paramref name="value"/> cannot become a <paramref name="type"/>.</summary>
    public static bool TryConvert(object? value, Type type, out object? result)
    {
        if (TryScalar(value, type, out result)) return true;
        result = null;
        var underlying = Nullable.GetUnderlyingType(type);
        if (value is null) return !type.IsValueType || underlying is not null;
        type = underlying ?? type;
        // A live object the parent passed (a lock, an event, a standard stream): rebuilt as CPython's child would.
        if (ReductionTable.Default.TryRebuild(value, out var live))
        {
            result = live;
            return type.IsInstanceOfType(live);
        }
        // An instance of a Python class that a C# class ports ([PyClass]).
        if (value is PyObject instance && PyClassInstances.TryRebuild(instance, type, out result)) return true;
        if (type.IsInstanceOfType(value) && !(value is bool && type != typeof(bool) && type != typeof(object)))
        {
            result = value;
            return true;
        }
        if (IsInteger(value) && TryInteger(ToBig(value), type, out result)) return true;
        if (type == typeof(double) && value is float or int or long or BigInteger)
        {
            result = value is BigInteger big ? (double)big : Convert.ToDouble(value);
            return true;
        }
        if (type == typeof(float) && value is double d)
        {
            result = (float)d;
            return true;
        }
        if (value is IEnumerable<KeyValuePair<object?, object?>> dict) return TryDictionary(dict, type, out result);
        if (value is IEnumerable items and not string and not byte[])
            return IsValueTuple(type) ? TryValueTuple(items.Cast<object?>().ToList(), type, out result)
                : TryCollection(items.Cast<object?>().ToList(), type, out result);
        return false;
    }

    /// <summary>
    /// The conversions a pool's map makes once per item (an int, float, str or bool to its own C# type, to
    /// <c>object</c>, or an int to <c>long</c>/<c>double</c>), without the general path's nullable, live-object and
    /// BigInteger steps; each gives what the general path gives. Anything else (an int out of range too) is left to it.
    /// </summary>
    private static bool TryScalar(object? value, Type type, out object? result)
    {
        result = value;
        switch (value)
        {
            case int i:
                if (type == typeof(int) || type == typeof(object)) return true;
                if (type == typeof(long)) { result = (long)i; return true; }
                if (type == typeof(double)) { result = (double)i; return true; }
                break;
            case long l:
                if (type == typeof(long) || type == typeof(object)) return true;
                if (type == typeof(double)) { result = (double)l; return true; }
                break;
            case double:
            case string:
            case bool:
                if (type == value.GetType() || type == typeof(object)) return true;
                break;
        }
        result = null;
        return false;
    }

    /// <summary>A Python tuple (or list) to a C# tuple <c>(string, int)</c> of as many items, each converted.</summary>
    private static bool TryValueTuple(List<object?> items, Type type, out object? result)
    {
        result = null;
        var elements = type.GetGenericArguments();
        if (elements.Length != items.Count || elements.Length > 7) return false;
        var converted = new object?[items.Count];
        for (var i = 0; i < items.Count; i++)
            if (!TryConvert(items[i], elements[i], out converted[i])) return false;
        result = Activator.CreateInstance(type, converted);
        return true;
    }

    private static bool IsValueTuple(Type type) =>
        type.IsValueType && type.IsGenericType && type.GetGenericTypeDefinition().FullName?.StartsWith("System.ValueTuple`", StringComparison.Ordinal) == true;

    private static bool IsInteger(object value) => value is int or long or BigInteger;

    private static BigInteger ToBig(object value) => value switch
    {
        int i => i,
        long l => l,
        _ => (BigInteger)value,
    };

    private static bool TryInteger(BigInteger value, Type type, out object? result)
    {
        result = null;
        try
        {
            result = type switch
            {
                _ when type == typeof(int) => (object)checked((int)value),
                _ when type == typeof(long) => checked((long)value),
                _ when type == typeof(short) => checked((short)value),
                _ when type == typeof(sbyte) => checked((sbyte)value),
                _ when type == typeof(byte) => checked((byte)value),
                _ when type == typeof(ushort) => checked((ushort)value),
                _ when type == typeof(uint) => checked((uint)value),
                _ when type == typeof(ulong) => checked((ulong)value),
                _ when type == typeof(BigInteger) => value,
                _ when type == typeof(double) => (double)value,
                _ when type == typeof(decimal) => (decimal)value,
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return false;
        }
        return result is not null;
    }

    private static bool TryCollection(List<object?> items, Type type, out object? result)
    {
        result = null;
        Type? element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && IsOneOf(type.GetGenericTypeDefinition(), typeof(List<>), typeof(IList<>), typeof(IReadOnlyList<>),
                typeof(IEnumerable<>), typeof(ICollection<>), typeof(IReadOnlyCollection<>), typeof(HashSet<>), typeof(ISet<>))
                ? type.GetGenericArguments()[0]
                : null;
        if (element is null) return false;
        var converted = Array.CreateInstance(element, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (!TryConvert(items[i], element, out var item)) return false;
            converted.SetValue(item, i);
        }
        if (type.IsArray) result = converted;
        else if (type.GetGenericTypeDefinition() is var def && (def == typeof(HashSet<>) || def == typeof(ISet<>)))
            result = Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(element), converted);
        else result = Activator.CreateInstance(typeof(List<>).MakeGenericType(element), converted);
        return true;
    }

    private static bool TryDictionary(IEnumerable<KeyValuePair<object?, object?>> dict, Type type, out object? result)
    {
        result = null;
        if (!type.IsGenericType || !IsOneOf(type.GetGenericTypeDefinition(), typeof(Dictionary<,>), typeof(IDictionary<,>), typeof(IReadOnlyDictionary<,>)))
            return false;
        var (keyType, valueType) = (type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
        var target = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(keyType, valueType))!;
        foreach (var entry in dict)
        {
            if (!TryConvert(entry.Key, keyType, out var key) || key is null || !TryConvert(entry.Value, valueType, out var value))
                return false;
            target[key] = value;
        }
        result = target;
        return true;
    }

    private static bool IsOneOf(Type definition, params Type[] candidates) => candidates.Contains(definition);
}
