using PyCompat.Multiprocessing.Hosting;

// The ports known at build time ship with the worker; others come from the parent or PYCOMPAT_TARGETS.
return WorkerHost.Run(args, typeof(PyCompat.Examples.ExampleCatalog).Assembly, typeof(PyCompat.Examples.ImportWorker.MultiprocessingImportWorker).Assembly);
