using PyCompat.Multiprocessing;
using PyCompat.Multiprocessing.Queues;
using Queue = PyCompat.Multiprocessing.Queues.Queue;

namespace PyCompat.Examples;

/// <summary>Port of <c>multiprocessing_producer_consumer.py</c>: consumers take tasks from a joinable queue and put
/// the answers on a result queue; a poison pill (None) per consumer ends them.</summary>
[PyExample("multiprocessing_producer_consumer")]
public static class MultiprocessingProducerConsumer
{
    /// <summary><c>class Consumer(multiprocessing.Process)</c>: its queues cross as its attributes.</summary>
    [PyClass("multiprocessing_producer_consumer", "Consumer")]
    public sealed class Consumer : Process
    {
        // self.task_queue and self.result_queue: a pickled key matches ignoring case and underscores.
        private JoinableQueue _taskQueue = null!;
        private Queue _resultQueue = null!;

        /// <summary><c>def __init__(self, task_queue, result_queue)</c>.</summary>
        public Consumer(JoinableQueue taskQueue, Queue resultQueue)
        {
            _taskQueue = taskQueue;
            _resultQueue = resultQueue;
        }

        // The child rebuilds the instance, then sets its fields from the pickled __dict__.
        private Consumer() { }

        /// <summary><c>def run(self)</c>.</summary>
        public override void Run()
        {
            var procName = Name;
            while (true)
            {
                var nextTask = _taskQueue.Get<Task?>();
                if (nextTask is null)
                {
                    // Poison pill means shutdown
                    Console.WriteLine($"{procName}: Exiting");
                    _taskQueue.TaskDone();
                    break;
                }
                Console.WriteLine($"{procName}: {nextTask}");
                var answer = nextTask.Call();
                _taskQueue.TaskDone();
                _resultQueue.Put(answer);
            }
        }
    }

    /// <summary><c>class Task</c>: crosses the queue as an instance of the Python class, <c>a</c> and <c>b</c> its state.</summary>
    [PyClass("multiprocessing_producer_consumer", "Task")]
    public sealed class Task
    {
        /// <summary><c>def __init__(self, a, b)</c>.</summary>
        public Task(int a, int b) => (A, B) = (a, b);

        private Task() { }

        /// <summary><c>self.a</c>.</summary>
        public int A { get; private set; }

        /// <summary><c>self.b</c>.</summary>
        public int B { get; private set; }

        /// <summary><c>def __call__(self)</c>.</summary>
        public string Call()
        {
            Thread.Sleep(100); // pretend to take time to do the work
            return $"{A} * {B} = {A * B}";
        }

        /// <summary><c>def __str__(self)</c>.</summary>
        public override string ToString() => $"{A} * {B}";
    }

    /// <summary>The script's <c>if __name__ == '__main__':</c> block.</summary>
    public static void Main()
    {
        // Establish communication queues
        var tasks = new JoinableQueue();
        var results = new Queue();

        // Start consumers (multiprocessing.cpu_count() is os.cpu_count(): the machine's processors)
        var numConsumers = Environment.ProcessorCount * 2;
        Console.WriteLine($"Creating {numConsumers} consumers");
        var consumers = Enumerable.Range(0, numConsumers).Select(_ => new Consumer(tasks, results)).ToList();
        foreach (var w in consumers)
            w.Start();

        // Enqueue jobs
        var numJobs = 10;
        for (var i = 0; i < numJobs; i++)
            tasks.Put(new Task(i, i));

        // Add a poison pill for each consumer
        for (var i = 0; i < numConsumers; i++)
            tasks.Put(null);

        // Wait for all of the tasks to finish
        tasks.Join();

        // Start printing results
        while (numJobs > 0)
        {
            var result = results.Get();
            Console.WriteLine($"Result: {result}");
            numJobs--;
        }
    }
}
