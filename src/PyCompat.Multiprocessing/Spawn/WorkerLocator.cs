namespace PyCompat.Multiprocessing.Spawn;

/// <summary>Finds the PyCompat worker host, the .NET program that runs C# targets in a child process.</summary>
internal static class WorkerLocator
{
    /// <summary>Overrides the search: the path of the <c>pycompat-worker</c> executable or its <c>.dll</c>.</summary>
    public const string EnvironmentVariable = "PYCOMPAT_WORKER";

    private const string WorkerName = "pycompat-worker";

    /// <summary>How to start the worker: an executable and the arguments that come before the spawn arguments.</summary>
    /// <param name="Executable">The apphost, or the dotnet host when only the dll was found.</param>
    /// <param name="Prefix">Empty for the apphost; the dll's path for the dotnet host.</param>
    public sealed record Worker(string Executable, string[] Prefix);

    /// <summary>
    /// The worker named by <c>PYCOMPAT_WORKER</c>, else the one beside this library or the program, as an apphost or as a
    /// dll run by the dotnet host.
    /// </summary>
    /// <exception cref="FileNotFoundException">no worker was found; the message says where it looked and how to fix it.</exception>
    public static Worker Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
            return FromPath(configured)
                ?? throw new FileNotFoundException($"{EnvironmentVariable}={configured} names no pycompat-worker executable or dll.");
        var folders = new[] { Path.GetDirectoryName(typeof(WorkerLocator).Assembly.Location), AppContext.BaseDirectory }
            .Where(f => !string.IsNullOrEmpty(f)).Distinct().ToArray();
        foreach (var folder in folders)
        {
            if (FromPath(Path.Combine(folder!, WorkerName)) is { } apphost) return apphost;
            if (FromPath(Path.Combine(folder!, WorkerName + ".dll")) is { } dll) return dll;
        }
        throw new FileNotFoundException(
            $"cannot find {WorkerName} in {string.Join(" or ", folders)}. Reference the PyCompat.Worker project from your " +
            $"program (so it is copied beside it), or set {EnvironmentVariable} to its path.");
    }

    private static Worker? FromPath(string path)
    {
        if (!File.Exists(path)) return null;
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            return new Worker(DotnetHost(), [path]);
        return new Worker(Path.GetFullPath(path), []);
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return PathSearch.Find("dotnet") ?? "dotnet";
    }
}
