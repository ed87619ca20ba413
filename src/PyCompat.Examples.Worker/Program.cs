using PyCompat.Examples;
using PyCompat.Multiprocessing.Hosting;

// The book's worker: the generic host with the book's port assemblies compiled in, so it needs no PYCOMPAT_TARGETS and
// a NativeAOT build of it runs the ports. An application's own worker is these two lines with its own assemblies.
return WorkerHost.Run(args, [.. ExampleCatalog.PortAssemblies]);
