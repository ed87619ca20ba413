using System.Text.RegularExpressions;
using PyCompat.Golden.Checking;
using PyCompat.Golden.Modes;
using PyCompat.Golden.Outputs;
using PyCompat.Golden.Running;

namespace PyCompat.Golden.Tests;

/// <summary>
/// The other half of each named normaliser and rule: it absorbs the race, and nothing else. Each case runs the script
/// under CPython now, checks that this real output matches the golden (so the case proves something), changes one
/// number or word in a line the script computes, and asserts that the changed output no longer matches. (That the
/// policies absorb the races is measured by repeating python3 against the goldens, see docs/golden.md.)
/// </summary>
public sealed class PolicyProofTests
{
    private static readonly Lazy<Task<Tools>> FoundTools = new(() => Tools.FindAsync("python3"));

    // example, what the policy must still catch, the line to change (a regex on CPython's real output), its replacement.
    public static TheoryData<string, string, string, string> WrongOutputs => new()
    {
        { "multiprocessing_daemon", "name-pid: the process's name", @"(?m)^Exiting : non-daemon", "Exiting : daemon" },
        { "multiprocessing_terminate", "pid: the exit code in the repr", "exitcode=-SIGTERM", "exitcode=-SIGKILL" },
        { "multiprocessing_terminate", "either: a liveness that contradicts the state", @"(?m)^(TERMINATED: .*started>) True$", "$1 False" },
        { "multiprocessing_exitcode", "traceback-frames: the exception's message", "RuntimeError: There was an error!", "RuntimeError: There was no error!" },
        { "multiprocessing_manager_dict", "dict-order: a value", @"\b5: 10\b", "5: 11" },
        { "multiprocessing_producer_consumer", "consumer-number: a task a consumer took", @"(?m)^(Consumer-\d+): 5 \* 5$", "$1: 5 * 6" },
        { "multiprocessing_producer_consumer", "computed: the number of consumers", @"Creating (\d+) consumers", "Creating 99 consumers" },
        { "multiprocessing_producer_consumer", "numbered: which consumers exit", @"(?m)^Consumer-1: Exiting$", "Consumer-77: Exiting" },
        { "multiprocessing_pool", "numbered: which workers start", @"ForkPoolWorker-1\b", "ForkPoolWorker-12" },
        { "multiprocessing_pool", "address, pool-worker: the pool's result", @"Pool    : \[0, 2", "Pool    : [0, 3" },
        { "multiprocessing_pool_maxtasksperchild", "numbered with a range: a worker number out of the sequence", @"ForkPoolWorker-2\b", "ForkPoolWorker-42" },
        { "multiprocessing_semaphore", "active-3: an activating process missing from the active list", @"(?m)^Activating 3 now running \[[^\]]*\]$", "Activating 3 now running ['7']" },
        { "multiprocessing_semaphore", "active-3 and repeats: more than three active", @"(?m)^Now running \[[^\]]*\]$", "Now running ['0', '1', '2', '3']" },
        { "multiprocessing_namespaces", "either: a third reading", @"Before event[^\n]*", "Before event: None" },
        { "multiprocessing_namespaces", "either: the value after the event", "After event: This is the value", "After event: This is a value" },
        { "multiprocessing_wordcount", "pool-worker-number and maybe: a word count", @"(?m)^(process\s+:)\s+83$", "$1    84" },
        { "multiprocessing_wordcount", "maybe: a file read twice", @"(?m)\A", "ForkPoolWorker-1 reading index.rst\nForkPoolWorker-2 reading index.rst\n" },
    };

    [Theory]
    [MemberData(nameof(WrongOutputs))]
    public async Task A_wrong_output_still_fails_under_the_policy_that_absorbs_the_race(string example, string what, string line, string replacement)
    {
        var tools = await FoundTools.Value;
        var examples = ExampleSet.Load(Repository.Examples);
        var policy = examples.Policy(example) with { Cpus = tools.Cpus };
        var golden = GoldenText.Parse(File.ReadAllText(examples.GoldenPath(example)), example);
        var (command, problem) = tools.CommandFor(Mode.Python3, example);
        Assert.True(command is not null, problem);
        var real = (await ProcessRunner.RunAsync(command, examples.Folder, TimeSpan.FromSeconds(60))).Output;
        var matches = OutputComparer.Compare(golden, real, policy, "golden", "python3");
        Assert.True(matches.Matches, $"CPython's own output differs from the golden, so this case would prove nothing:\n{matches.Diff}");

        var pattern = new Regex(line);
        var target = pattern.IsMatch(real.Stdout) ? "stdout" : "stderr";
        var text = target == "stdout" ? real.Stdout : real.Stderr;
        Assert.True(pattern.IsMatch(text), $"CPython printed no line matching {line}:\n{real.Stdout}{real.Stderr}");
        var changed = pattern.Replace(text, replacement, 1);
        Assert.NotEqual(text, changed);
        var wrong = target == "stdout" ? real with { Stdout = changed } : real with { Stderr = changed };

        var comparison = OutputComparer.Compare(golden, wrong, policy, "golden", "wrong");
        Assert.False(comparison.Matches, $"{example} ({what}): the changed output still matches under {policy.Describe()}");
    }
}
