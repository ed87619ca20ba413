using PyCompat.Cli;

// `pycompat run` first, in a method of its own: the command tree below is in another method so that a run does not
// load System.CommandLine, which it never uses (docs/performance.md, "Start-up of pycompat run").
#if PYCOMPAT_NATIVE
// The NativeAOT build has `run` only (NativeBuild.cs): the command tree, and the verbs it reaches, are not compiled in.
return RunVerb.TryRunDirectly(args) ?? NativeBuild.OtherVerb(args);
#else
return RunVerb.TryRunDirectly(args) ?? CommandTree.Invoke(args);
#endif
