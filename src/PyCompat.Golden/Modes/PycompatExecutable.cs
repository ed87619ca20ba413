using PyCompat.Golden.Running;

namespace PyCompat.Golden.Modes;

/// <summary>Finds the <c>pycompat</c> program: the running executable, or the one beside this assembly.</summary>
internal static class PycompatExecutable
{
    /// <summary>How to start <c>pycompat</c>, or why it cannot be found.</summary>
    public static (CommandSpec? Command, string? Problem) Locate()
    {
        var running = Environment.ProcessPath;
        if (running is not null && Path.GetFileNameWithoutExtension(running) == "pycompat")
            return (new CommandSpec(running, [], "pycompat"), null);

        var folder = Path.GetDirectoryName(typeof(PycompatExecutable).Assembly.Location) ?? AppContext.BaseDirectory;
        var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? "pycompat.exe" : "pycompat");
        if (File.Exists(apphost))
            return (new CommandSpec(apphost, [], "pycompat"), null);

        var dll = Path.Combine(folder, "pycompat.dll");
        if (File.Exists(dll))
        {
            var host = running is not null && Path.GetFileNameWithoutExtension(running) == "dotnet"
                ? running
                : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
            return (new CommandSpec(host, [dll], "pycompat"), null);
        }
        return (null, $"no pycompat program beside {folder}; build src/PyCompat.Cli");
    }
}
