using PyCompat.Multiprocessing;

namespace PyCompat.Bridge.Tests;

/// <summary>
/// Ports of python/fits_and_misfits.py and friends, for <c>pycompat targets --targets</c> this test assembly. Each
/// name says whether it fits; the tests check what pycompat says about each.
/// </summary>
public static class FixturePorts
{
    [PyTarget("fits_and_misfits", "takes_one")]
    public static void TakesOne(int num) => Console.WriteLine(num);

    [PyTarget("fits_and_misfits", "takes_one_more")]
    public static void TakesNone() { }

    [PyTarget("fits_and_misfits", "optional")]
    public static void Optional(int count) => Console.WriteLine(count);

    [PyTarget("fits_and_misfits", "renamed")]
    public static void Renamed(int number) => Console.WriteLine(number);

    [PyTarget("fits_and_misfits", "extra")]
    public static void Extra(int num, string label) => Console.WriteLine($"{num} {label}");

    [PyTarget("fits_and_misfits", "star")]
    public static void Star(int a) => Console.WriteLine(a);

    [PyTarget("fits_and_misfits", "keyword_only")]
    public static void KeywordOnly(int a, bool flag = false) => Console.WriteLine($"{a} {flag}");

    [PyTarget("fits_and_misfits", "any_keywords")]
    public static void AnyKeywords() { }

    [PyTarget("fits_and_misfits", "other_case")]
    public static void OtherCase(int num) => Console.WriteLine(num);

    [PyTarget("fits_and_misfits", "swapped")]
    public static void Swapped(int second, int first) => Console.WriteLine($"{first} {second}");

    [PyTarget("fits_and_misfits", "not_there")]
    public static void NotThere() { }

    [PyTarget("no_such_module", "worker")]
    public static void NoModule() { }

    [PyTarget("broken_module", "worker")]
    public static void Broken() { }

    [PyTarget("noisy_module", "worker")]
    public static void Noisy(int num) => Console.WriteLine(num);
}

/// <summary>[PyClass] ports of python/fits_and_misfits.py's classes; each name says whether it fits.</summary>
public static class FixtureClassPorts
{
    [PyClass("fits_and_misfits", "GoodWorker")]
    public sealed class GoodWorker : Process
    {
        public override void Run() => Console.WriteLine("GoodWorker");
    }

    [PyClass("fits_and_misfits", "InheritsRun")]
    public sealed class InheritsRun : Process
    {
        public override void Run() => Console.WriteLine("GoodWorker");
    }

    [PyClass("fits_and_misfits", "RunNotOverridden")]
    public sealed class RunNotOverridden : Process;

    [PyClass("fits_and_misfits", "PlainPortedAsProcess")]
    public sealed class PlainPortedAsProcess : Process
    {
        public override void Run() { }
    }

    [PyClass("fits_and_misfits", "ProcessPortedAsPlain")]
    public sealed class ProcessPortedAsPlain;

    [PyClass("fits_and_misfits", "NoSuchClass")]
    public sealed class NoSuchClass;

    [PyClass("fits_and_misfits", "not_a_class")]
    public sealed class NotAClass;
}
