using System.Reflection;
using PyCompat.Golden.Running;

namespace PyCompat.Golden.Assertions;

/// <summary>Commands that start a C# port as its own process, so that its children's output is captured with its own.</summary>
public static class PortCommand
{
    /// <summary>
    /// <c>dotnet PROGRAM.dll ARGS</c>: a console program of yours, e.g. <c>PortCommand.Of(typeof(Program).Assembly)</c>
    /// from a test project that references the program's project.
    /// </summary>
    /// <param name="program">The program's entry assembly (its <c>.dll</c> beside its <c>.runtimeconfig.json</c>).</param>
    /// <param name="arguments">Its command-line arguments.</param>
    public static CommandSpec Of(Assembly program, params string[] arguments) => Dll(program.Location, arguments);

    /// <summary><c>dotnet PATH ARGS</c> for a program's <c>.dll</c> at <paramref name="path"/>.</summary>
    public static CommandSpec Dll(string path, params string[] arguments)
    {
        var full = Path.GetFullPath(path);
        return new CommandSpec(DotnetHost(), [full, .. arguments], string.Join(' ', ["dotnet", Path.GetFileName(full), .. arguments]));
    }

    // The host running the tests runs the port too (no PATH lookup needed under `dotnet test`).
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
