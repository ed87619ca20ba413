using PyCompat.Multiprocessing.Managers;

namespace PyCompat.Multiprocessing.Tests.Managers;

/// <summary>.NET children's targets for ManagerTests (python/manager_targets.py holds the CPython ones).</summary>
public static class ManagerTargets
{
    public static void Increment(DictProxy d, AcquirerProxy @lock, int times)
    {
        for (var i = 0; i < times; i++)
            using (@lock.Enter())
                d["n"] = Convert.ToInt32(d["n"]) + 1;
    }
}
