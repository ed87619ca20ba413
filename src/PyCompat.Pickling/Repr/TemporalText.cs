using System.Globalization;

namespace PyCompat.Pickling;

/// <summary>repr() and str() of datetime's date, time, datetime and timedelta as CPython prints them.</summary>
internal static class TemporalText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Repr(object value) => value switch
    {
        DateOnly d => $"datetime.date({d.Year}, {d.Month}, {d.Day})",
        TimeOnly t => "datetime.time(" + TimeFields(t.Hour, t.Minute, t.Second, Micro(t.Ticks)) + ")",
        DateTime dt => $"datetime.datetime({dt.Year}, {dt.Month}, {dt.Day}, " + TimeFields(dt.Hour, dt.Minute, dt.Second, Micro(dt.Ticks)) + ")",
        DateTimeOffset dto => $"datetime.datetime({dto.Year}, {dto.Month}, {dto.Day}, "
            + TimeFields(dto.Hour, dto.Minute, dto.Second, Micro(dto.Ticks)) + ", tzinfo=" + TimezoneRepr(dto.Offset) + ")",
        TimeSpan span => TimedeltaRepr(span),
        _ => throw new ArgumentException("not a date/time value", nameof(value)),
    };

    public static string Str(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", Inv),
        TimeOnly t => TimeStr(t.Hour, t.Minute, t.Second, Micro(t.Ticks)),
        DateTime dt => dt.ToString("yyyy-MM-dd", Inv) + " " + TimeStr(dt.Hour, dt.Minute, dt.Second, Micro(dt.Ticks)),
        DateTimeOffset dto => dto.ToString("yyyy-MM-dd", Inv) + " " + TimeStr(dto.Hour, dto.Minute, dto.Second, Micro(dto.Ticks))
            + OffsetStr(dto.Offset),
        TimeSpan span => TimedeltaStr(span),
        _ => throw new ArgumentException("not a date/time value", nameof(value)),
    };

    private static int Micro(long ticks) => (int)(ticks % TimeSpan.TicksPerSecond / 10);

    /// <summary>CPython drops trailing zero microseconds, then zero seconds; hour and minute always print.</summary>
    private static string TimeFields(int hour, int minute, int second, int micro) =>
        micro != 0 ? $"{hour}, {minute}, {second}, {micro}"
        : second != 0 ? $"{hour}, {minute}, {second}"
        : $"{hour}, {minute}";

    private static string TimeStr(int hour, int minute, int second, int micro) =>
        $"{hour:00}:{minute:00}:{second:00}" + (micro != 0 ? $".{micro:000000}" : "");

    private static (long Days, long Seconds, long Micros) Normalize(TimeSpan span)
    {
        var micros = span.Ticks / 10 - (span.Ticks < 0 && span.Ticks % 10 != 0 ? 1 : 0);
        var days = Math.DivRem(micros, 86_400_000_000L, out var rest);
        if (rest < 0)
        {
            days--;
            rest += 86_400_000_000L;
        }
        return (days, rest / 1_000_000, rest % 1_000_000);
    }

    private static string TimedeltaRepr(TimeSpan span)
    {
        var (days, seconds, micros) = Normalize(span);
        var parts = new List<string>();
        if (days != 0) parts.Add($"days={days}");
        if (seconds != 0) parts.Add($"seconds={seconds}");
        if (micros != 0) parts.Add($"microseconds={micros}");
        return "datetime.timedelta(" + (parts.Count == 0 ? "0" : string.Join(", ", parts)) + ")";
    }

    private static string TimedeltaStr(TimeSpan span)
    {
        var (days, seconds, micros) = Normalize(span);
        var prefix = days == 0 ? "" : $"{days} day{(Math.Abs(days) != 1 ? "s" : "")}, ";
        return prefix + $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}" + (micros != 0 ? $".{micros:000000}" : "");
    }

    private static string TimezoneRepr(TimeSpan offset) =>
        offset == TimeSpan.Zero ? "datetime.timezone.utc" : $"datetime.timezone({TimedeltaRepr(offset)})";

    private static string OffsetStr(TimeSpan offset)
    {
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var abs = offset.Duration();
        return $"{sign}{abs.Hours:00}:{abs.Minutes:00}" + (abs.Seconds != 0 ? $":{abs.Seconds:00}" : "");
    }
}
