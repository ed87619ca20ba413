using System.Text;
using System.Text.Json;
using PyCompat.Golden.Modes;

namespace PyCompat.Golden.Checking;

/// <summary>One example in one mode, before anything runs: whether it can run, and with which command.</summary>
/// <param name="Example">The script's name.</param>
/// <param name="Mode">The mode.</param>
/// <param name="Availability">Whether the mode can run it, and why not.</param>
/// <param name="Command">The command, as shown to a reader.</param>
internal sealed record PlannedCell(string Example, Mode Mode, Availability Availability, string Command)
{
    /// <summary>The plan for machines: one object per cell with its example, mode, canRun, label, reason and command.</summary>
    public static string ToJson(IEnumerable<PlannedCell> cells)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("cells");
            foreach (var cell in cells)
            {
                json.WriteStartObject();
                json.WriteString("example", cell.Example);
                json.WriteString("mode", cell.Mode.Name);
                json.WriteBoolean("canRun", cell.Availability.CanRun);
                json.WriteString("label", cell.Availability.CanRun ? "runs" : cell.Availability.Label);
                if (cell.Availability.Reason is null) json.WriteNull("reason"); else json.WriteString("reason", cell.Availability.Reason);
                json.WriteString("command", cell.Command);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
