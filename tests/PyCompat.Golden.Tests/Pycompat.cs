using CliWrap;
using CliWrap.Buffered;

namespace PyCompat.Golden.Tests;

/// <summary>Runs the real pycompat program built beside the tests.</summary>
internal static class Pycompat
{
    public static async Task<BufferedCommandResult> RunAsync(string workingDirectory, params string[] arguments) =>
        await CliWrap.Cli.Wrap(Repository.Pycompat)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
}
