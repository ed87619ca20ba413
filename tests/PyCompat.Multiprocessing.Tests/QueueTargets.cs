using Conn = PyCompat.Multiprocessing.Connection;
using PyCompat.Multiprocessing.Queues;
using PyCompat.Pickling;

namespace PyCompat.Multiprocessing.Tests;

/// <summary>C# ports of python/queue_ports.py: children of either kind of parent that share connections and queues.</summary>
public static class QueueTargets
{
    [PyTarget("queue_ports", "echo")]
    public static void Echo(Conn conn)
    {
        conn.Send(new PyTuple("echo", conn.Recv()));
        conn.Close();
    }

    [PyTarget("queue_ports", "simple_echo")]
    public static void SimpleEcho(SimpleQueue inbox, SimpleQueue outbox) => outbox.Put(new PyTuple("echo", inbox.Get()));
}
