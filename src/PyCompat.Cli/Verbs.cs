using System.CommandLine;

namespace PyCompat.Cli;

/// <summary>The verbs of <c>pycompat</c>, in the order <c>--help</c> lists them.</summary>
internal static class Verbs
{
    public static IEnumerable<Command> All()
    {
        // The main job first, then the ways of running a script, then the inspection tools.
        yield return CheckVerb.Create();
        yield return RunVerb.Create();
        yield return PortVerb.Create();
        yield return TargetsVerb.Create();
        yield return PickleVerb.Create();
    }
}
