using System.Numerics;
using System.Text;

namespace PyCompat.Pickling.Reading;

/// <summary>
/// <c>datetime.date/time/datetime</c>. CPython pickles them as a packed bytes state (plus a tzinfo);
/// PyCompat writes plain integer arguments. Both decode, microseconds kept. What the .NET type cannot hold
/// (a tz-aware time, <c>fold=1</c>, a named or non-minute UTC offset, an offset beyond ±14 h, a non-fixed tzinfo)
/// stays a <see cref="PyObject"/> with the original arguments, so it still round-trips.
/// </summary>
internal sealed class TemporalConstructor(string name) : PyConstructor(new PyGlobal("datetime", name))
{
    protected override object Create(object[] args, bool viaNewObj)
    {
        var fields = Fields(args, out var tz, out var packed);
        if (fields is null) return Fallback(args);
        var f = fields;
        if (!packed && Invalid(f) is { } error)
            throw new UnpicklingError($"cannot decode {Global}({string.Join(", ", f)}): CPython raises ValueError: {error}");
        try
        {
            return Build(f, tz, args);
        }
        catch (ArgumentOutOfRangeException)
        {
            // A packed state CPython loads without checking (February 31): kept as the PyObject it round-trips as.
            return Fallback(args);
        }
    }

    /// <summary>What CPython's constructor says of integer fields out of range, or null.</summary>
    private string? Invalid(int[] f)
    {
        var timeAt = Global.Name == "time" ? 0 : 3;
        if (Global.Name != "time")
        {
            if (f[0] is < 1 or > 9999) return $"year {f[0]} is out of range";
            if (f[1] is < 1 or > 12) return "month must be in 1..12";
            if (f[2] < 1 || f[2] > DateTime.DaysInMonth(f[0], f[1])) return "day is out of range for month";
            if (Global.Name == "date") return null;
        }
        if (f[timeAt] is < 0 or > 23) return "hour must be in 0..23";
        if (f[timeAt + 1] is < 0 or > 59) return "minute must be in 0..59";
        if (f[timeAt + 2] is < 0 or > 59) return "second must be in 0..59";
        if (f[timeAt + 3] is < 0 or > 999_999) return "microsecond must be in 0..999999";
        return null;
    }

    private object Build(int[] f, object? tz, object[] args)
    {
        switch (Global.Name)
        {
            case "date" when f.Length == 3 && tz is null:
                return new DateOnly(f[0], f[1], f[2]);
            case "time" when tz is null && f[0] < 128:
                return new TimeOnly(f[0], f[1], f[2]).Add(TimeSpan.FromTicks(f[3] * 10L));
            case "datetime" when f[3] < 128 && (f[1] & 0x80) == 0:
                var naive = new DateTime(f[0], f[1], f[2], f[3], f[4], f[5]).AddTicks(f[6] * 10L);
                if (tz is null) return naive;
                if (tz is FixedTimezone { Name: null } fixedTz && fixedTz.Offset.Ticks % TimeSpan.TicksPerMinute == 0
                    && Math.Abs(fixedTz.Offset.TotalHours) <= 14)
                    return new DateTimeOffset(naive, fixedTz.Offset);
                return Fallback(args);
            default:
                return Fallback(args);
        }
    }

    private object Fallback(object[] args) => new PendingObject(Global, args, viaReduce: true);

    /// <summary>The fields as integers (time: h, m, s, us; datetime: y, mo, d, h, mi, s, us), from either form.</summary>
    private int[]? Fields(object[] args, out object? tz, out bool isPacked)
    {
        tz = null;
        isPacked = false;
        if (args.Length is 1 or 2 && PackedState(args[0]) is { } packed)
        {
            isPacked = true;
            if (args.Length == 2) tz = args[1];
            // CPython takes bytes as a pickled state only when the month (or, for time, the hour) is sane; otherwise
            // it reads them as the year (hour) argument, which fails.
            var sane = Global.Name switch
            {
                "date" when packed.Length == 4 => packed[2] is >= 1 and <= 12,
                "datetime" when packed.Length == 10 => (packed[2] & 0x7f) is >= 1 and <= 12,
                "time" when packed.Length == 6 => (packed[0] & 0x7f) < 24,
                _ => true,
            };
            if (!sane)
                throw new UnpicklingError($"cannot decode {Global}: its pickled state is not a valid {Global.Name} (month "
                    + "or hour out of range); CPython raises TypeError: 'bytes' object cannot be interpreted as an integer");
            return Global.Name switch
            {
                "date" when packed.Length == 4 => [packed[0] * 256 + packed[1], packed[2], packed[3]],
                "time" when packed.Length == 6 => [packed[0], packed[1], packed[2], Micro(packed, 3)],
                "datetime" when packed.Length == 10 => [packed[0] * 256 + packed[1], packed[2], packed[3], packed[4],
                    packed[5], packed[6], Micro(packed, 7)],
                _ => null,
            };
        }
        var expected = Global.Name switch { "date" => 3, "time" => 4, _ => 7 };
        var ints = args.TakeWhile(a => a is int or long or BigInteger)
            .Select(a => a is BigInteger b ? (b > long.MaxValue ? long.MaxValue : b < long.MinValue ? long.MinValue : (long)b) : Convert.ToInt64(a))
            .ToArray();
        if (ints.Length > expected || ints.Length < Math.Min(expected, 3)) return null;
        var rest = args.Skip(ints.Length).ToArray();
        if (rest.Length > 1) return null;
        tz = rest.Length == 1 ? rest[0] : null;
        var fields = new int[expected];
        for (var i = 0; i < ints.Length; i++)
            fields[i] = ints[i] is >= int.MinValue and <= int.MaxValue ? (int)ints[i] : throw new UnpicklingError(
                $"cannot decode {Global}: the argument {ints[i]} is out of range (CPython raises OverflowError)");
        return fields;
    }

    private static int Micro(byte[] packed, int at) => (packed[at] << 16) | (packed[at + 1] << 8) | packed[at + 2];

    private static byte[]? PackedState(object? state) => state switch
    {
        byte[] bytes => bytes,
        string text => Encoding.Latin1.GetBytes(text), // Python 2 pickles carry the state as a str
        _ => null,
    };
}

/// <summary><c>datetime.timedelta(days, seconds, microseconds)</c> to TimeSpan (microseconds kept).</summary>
internal sealed class TimedeltaConstructor() : PyConstructor(new PyGlobal("datetime", "timedelta"))
{
    protected override object Create(object[] args, bool viaNewObj)
    {
        var parts = args.Select(a => a is int or long or BigInteger ? (BigInteger?)ToBig(a) : null).ToArray();
        if (parts.Length > 3 || parts.Any(p => p is null)) throw BadArgs(args);
        var ticks = BigInteger.Zero;
        BigInteger[] scale = [TimeSpan.TicksPerDay, TimeSpan.TicksPerSecond, 10];
        for (var i = 0; i < parts.Length; i++) ticks += parts[i]!.Value * scale[i];
        var days = BigInteger.Divide(ticks - (ticks.Sign < 0 ? TimeSpan.TicksPerDay - 1 : 0), TimeSpan.TicksPerDay);
        if (BigInteger.Abs(days) > 999_999_999)
            throw new UnpicklingError($"cannot decode datetime.timedelta: CPython raises OverflowError: days={days}; "
                + "must have magnitude <= 999999999");
        if (ticks < TimeSpan.MinValue.Ticks || ticks > TimeSpan.MaxValue.Ticks)
            return new PendingObject(Global, args, viaReduce: true);
        return TimeSpan.FromTicks((long)ticks);
    }

    private static BigInteger ToBig(object value) => value is BigInteger b ? b : Convert.ToInt64(value);
}

/// <summary>A <c>datetime.timezone</c> (fixed offset, optional name) before it meets its datetime.</summary>
internal sealed record FixedTimezone(TimeSpan Offset, string? Name);

/// <summary><c>datetime.timezone(offset[, name])</c>.</summary>
internal sealed class TimezoneConstructor() : PyConstructor(new PyGlobal("datetime", "timezone"))
{
    protected override object Create(object[] args, bool viaNewObj) => args switch
    {
        [TimeSpan offset] => new FixedTimezone(offset, null),
        [TimeSpan offset, string name] => new FixedTimezone(offset, name),
        _ => throw BadArgs(args),
    };
}
