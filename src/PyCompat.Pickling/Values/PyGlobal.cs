namespace PyCompat.Pickling;

/// <summary>
/// A module-level Python global (a function or class) as pickle carries it: by module and qualified name,
/// for example <c>multiprocessing_import_worker.worker</c>.
/// </summary>
/// <param name="Module">The module, e.g. <c>__main__</c> or <c>multiprocessing.context</c>.</param>
/// <param name="Name">The qualified name inside the module.</param>
public sealed record PyGlobal(string Module, string Name)
{
    /// <inheritdoc />
    public override string ToString() => $"{Module}.{Name}";
}
