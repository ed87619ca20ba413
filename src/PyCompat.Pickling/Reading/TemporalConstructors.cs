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
        var fields = Fields(args, out var tz);
        if (fields is null) return Fallback(args);
        var f = fields;
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
    private int[]? Fields(object[] args, out object? tz)
    {
        tz = null;
        if (args.Length is 1 or 2 && PackedState(args[0]) is { } packed)
        {
            if (args.Length == 2) tz = args[1];
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
        var ints = args.TakeWhile(a => a is int or long or BigInteger).Select(Convert.ToInt64).ToArray();
        if (ints.Length > expected || ints.Length < Math.Min(expected, 3)) return null;
        var rest = args.Skip(ints.Length).ToArray();
        if (rest.Length > 1) return null;
        tz = rest.Length == 1 ? rest[0] : null;
        var fields = new int[expected];
        for (var i = 0; i < ints.Length; i++) fields[i] = checked((int)ints[i]);
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
