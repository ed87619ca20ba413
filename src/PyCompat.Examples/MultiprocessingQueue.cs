using PyCompat.Multiprocessing;
using Queue = PyCompat.Multiprocessing.Queues.Queue;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_queue.py</c>: an instance of a class crosses a queue to a worker, which calls it.</summary>
[PyExample("multiprocessing_queue")]
public static class MultiprocessingQueue
{
    /// <summary><c>class MyFancyClass</c>: crosses the queue as an instance of the Python class, its <c>name</c> as its state.</summary>
    [PyClass("multiprocessing_queue", "MyFancyClass")]
    public sealed class MyFancyClass
    {
        /// <summary><c>self.name</c>.</summary>
        public string Name { get; private set; } = "";

        /// <summary><c>def __init__(self, name)</c>.</summary>
        public MyFancyClass(string name) => Name = name;

        // Unpickling makes the instance first and sets its state after, as Python's does.
        private MyFancyClass() { }

        /// <summary><c>def do_something(self)</c>.</summary>
        public void DoSomething()
        {
            var procName = Process.CurrentProcess().Name;
            Console.WriteLine($"Doing something fancy in {procName} for {Name}!");
        }
    }

    /// <summary><c>def worker(q)</c>: the item comes as a <see cref="MyFancyClass"/> whichever kind of parent put it.</summary>
    [PyTarget("multiprocessing_queue", "worker")]
    public static void Worker(Queue q)
    {
        var obj = q.Get<MyFancyClass>();
        obj.DoSomething();
    }

    /// <summary>The script's <c>if __name__ == '__main__':</c> block.</summary>
    public static void Main()
    {
        var queue = new Queue();

        var p = new Process(target: Worker, args: [queue]);
        p.Start();

        queue.Put(new MyFancyClass("Fancy Dan"));

        // Wait for the worker to finish
        queue.Close();
        queue.JoinThread();
        p.Join();
    }
}
