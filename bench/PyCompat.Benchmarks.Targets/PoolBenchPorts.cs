using PyCompat.Multiprocessing;

namespace PyCompat.Benchmarks.Targets;

/// <summary>C# ports of bench/pool/pool_bench.py's pool functions: the same algorithm, compiled.</summary>
public static class PoolBenchPorts
{
    /// <summary><c>count_primes(limit)</c>: how many primes are below <paramref name="limit"/>, by trial division.</summary>
    [PyTarget("pool_bench", "count_primes")]
    public static int CountPrimes(int limit)
    {
        var count = 0;
        for (var n = 2; n < limit; n++)
        {
            var prime = true;
            for (long d = 2; d * d <= n; d++)
                if (n % d == 0)
                {
                    prime = false;
                    break;
                }
            if (prime) count++;
        }
        return count;
    }

    /// <summary><c>increment(x)</c>.</summary>
    [PyTarget("pool_bench", "increment")]
    public static long Increment(long x) => x + 1;
}
