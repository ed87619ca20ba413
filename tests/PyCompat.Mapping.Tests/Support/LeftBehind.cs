namespace PyCompat.Mapping.Tests.Support;

/// <summary>
/// The processes of one run still alive after it ended: every process the run started (its .NET workers, their
/// CPython helpers, CPython's own children) inherits the run's unique <c>PYCOMPAT_CHILD_LOG</c> path, so a live
/// process whose environment holds that path was left behind, whoever its parent is now.
/// </summary>
public static class LeftBehind
{
    /// <summary>The pids (not zombies) whose environment names <paramref name="log"/>, after giving exiting
    /// children a bounded moment to go (a worker the parent joined may still be unwinding).</summary>
    public static async Task<IReadOnlyList<int>> ProcessesOfAsync(ChildLog log)
    {
        var marker = System.Text.Encoding.UTF8.GetBytes($"{ChildLog.Variable}={log.Path}\0");
        IReadOnlyList<int> alive = [];
        for (var attempt = 0; attempt < 50; attempt++)
        {
            alive = [.. Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
                .Where(pid => pid > 0 && pid != Environment.ProcessId && Holds(pid, marker) && !IsZombie(pid))];
            if (alive.Count == 0) break;
            await Task.Delay(200);
        }
        return alive;
    }

    private static bool Holds(int pid, byte[] marker)
    {
        try
        {
            return File.ReadAllBytes($"/proc/{pid}/environ").AsSpan().IndexOf(marker) >= 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone, or not ours
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
