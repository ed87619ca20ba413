namespace PyCompat.Pickling.Writing;

/// <summary>
/// date, time, datetime and timedelta as <c>datetime.X(int, ...)</c> with microseconds (Razorvine keeps
/// milliseconds only and has no DateOnly/TimeOnly/DateTimeOffset). .NET ticks below a microsecond are dropped.
/// </summary>
internal sealed class TemporalNode(object value) : Node
{
    public override void Write(NodeWriter writer)
    {
        switch (value)
        {
            case DateOnly d:
                writer.Call("datetime", "date", d.Year, d.Month, d.Day);
                break;
            case TimeOnly t:
                writer.Call("datetime", "time", t.Hour, t.Minute, t.Second, Micro(t.Ticks));
                break;
            case DateTime dt:
                writer.Call("datetime", "datetime", dt.Year, dt.Month, dt.Day, dt.Hour, dt.Minute, dt.Second, Micro(dt.Ticks));
                break;
            case DateTimeOffset dto:
                var local = dto.DateTime;
                writer.Call("datetime", "datetime", local.Year, local.Month, local.Day, local.Hour, local.Minute,
                    local.Second, Micro(local.Ticks), new TimezoneNode(dto.Offset));
                break;
            case TimeSpan span:
                WriteTimedelta(writer, span);
                break;
        }
    }

    private static int Micro(long ticks) => (int)(ticks % TimeSpan.TicksPerSecond / 10);

    /// <summary>Python normalizes to days (any sign), 0 &lt;= seconds &lt; 86400, 0 &lt;= microseconds &lt; 10**6.</summary>
    internal static void WriteTimedelta(NodeWriter writer, TimeSpan span)
    {
        var micros = span.Ticks / 10 - (span.Ticks < 0 && span.Ticks % 10 != 0 ? 1 : 0);
        var days = Math.DivRem(micros, 86_400_000_000L, out var rest);
        if (rest < 0)
        {
            days--;
            rest += 86_400_000_000L;
        }
        writer.Call("datetime", "timedelta", days, rest / 1_000_000, rest % 1_000_000);
    }

    private sealed class TimezoneNode(TimeSpan offset) : Node
    {
        public override void Write(NodeWriter writer)
        {
            writer.Global("datetime", "timezone");
            WriteTimedelta(writer, offset);
            writer.Op(0x85, (byte)'R'); // TUPLE1, REDUCE
        }
    }
}
