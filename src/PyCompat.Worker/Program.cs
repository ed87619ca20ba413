using PyCompat.Multiprocessing.Hosting;

// The generic worker carries no ports: a C# parent names its target's assembly in the spawn request, and a Python
// parent's children find theirs in PYCOMPAT_TARGETS (or mapped mode's --targets).
return WorkerHost.Run(args);
