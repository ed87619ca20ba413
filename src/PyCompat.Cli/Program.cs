using PyCompat.Cli;

// `pycompat run` first, in a method of its own: the command tree below is in another method so that a run does not
// load System.CommandLine, which it never uses (docs/performance.md, "Start-up of pycompat run").
return RunVerb.TryRunDirectly(args) ?? CommandTree.Invoke(args);
