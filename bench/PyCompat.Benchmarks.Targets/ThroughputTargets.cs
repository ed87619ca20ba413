using System.Globalization;
using System.Text;
using PyCompat.Multiprocessing;
using Queue = PyCompat.Multiprocessing.Queues.Queue;

namespace PyCompat.Benchmarks.Targets;

/// <summary>The throughput benchmark's children: C# ports of bench/PyCompat.Benchmarks/Throughput/python/throughput.py.</summary>
public static class ThroughputTargets
{
    /// <summary>Says it is ready, counts the items up to None, and puts the count.</summary>
    [PyTarget("throughput", "consume_queue")]
    public static void ConsumeQueue(Queue q, Queue results)
    {
        results.Put("ready");
        var count = 0;
        while (q.Get() is not null) count++;
        results.Put(count);
    }

    /// <summary>Says it is ready, receives <paramref name="count"/> messages, and sends back how many bytes came.</summary>
    [PyTarget("throughput", "read_conn")]
    public static void ReadConn(Connection conn, int count)
    {
        conn.SendBytes("ready"u8);
        long total = 0;
        for (var i = 0; i < count; i++) total += conn.RecvBytes().Length;
        conn.SendBytes(Encoding.ASCII.GetBytes(total.ToString(CultureInfo.InvariantCulture)));
    }
}
