using PyCompat.Multiprocessing.Hosting;
using PyCompat.Worker;

// The ports known at build time ship with the worker; others come from the parent or PYCOMPAT_TARGETS.
return WorkerHost.Run(args, [.. BuiltInPorts.Assemblies]);
