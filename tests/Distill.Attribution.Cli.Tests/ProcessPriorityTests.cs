using System.Diagnostics;
using System.Globalization;

namespace Distill.Attribution.Cli.Tests;

/// <summary>
/// A real <c>distill ingest</c> child, its threads read from outside while it runs: with <c>--priority background</c>
/// (or <c>DISTILL_PRIORITY=background</c>) every thread, including those the runtime starts after the priority was
/// applied, runs under SCHED_IDLE (<c>/proc/PID/task/TID/stat</c> field 41) in the idle I/O class (ioprio_get); without
/// it, policy and I/O priority are those of this test process.
/// </summary>
[Platform("Linux")]
public sealed class ProcessPriorityTests
{
    private const string AppliedLine = "priority: background";

    /// <summary>What was seen of a child's threads while it ran.</summary>
    private sealed record Observation(int Samples, HashSet<int> Threads, HashSet<int> StartedAfterApplied, List<string> Wrong, string Error);

    [Test]
    public async Task ShouldRunEveryThreadOfABackgroundIngestUnderSchedIdleInTheIdleIoClass()
    {
        var seen = await ObserveIngestAsync(["--priority", "background"], environment: null, expectApplied: true,
            (policy, io) => policy == LinuxScheduling.SchedIdle && LinuxScheduling.IoClass(io) == LinuxScheduling.IoClassIdle);
        Assert.That(seen.Wrong, Is.Empty, seen.Error);
        Assert.That(seen.Samples, Is.GreaterThan(0), "the ingest ended before it could be looked at: " + seen.Error);
        // The runtime starts thread-pool workers, its timer and the ingest's pipeline threads as the work begins: they
        // were created after the priority was set, by threads already lowered, and must have inherited it.
        Assert.That(seen.StartedAfterApplied, Is.Not.Empty, $"no thread was started after the priority was applied ({seen.Threads.Count} threads seen)");
    }

    [Test]
    public async Task ShouldTakeBackgroundFromTheEnvironmentVariable()
    {
        var seen = await ObserveIngestAsync([], new Dictionary<string, string?> { ["DISTILL_PRIORITY"] = "background" }, expectApplied: true,
            (policy, io) => policy == LinuxScheduling.SchedIdle && LinuxScheduling.IoClass(io) == LinuxScheduling.IoClassIdle);
        Assert.That(seen.Wrong, Is.Empty, seen.Error);
        Assert.That(seen.Samples, Is.GreaterThan(0), seen.Error);
    }

    [TestCase(null)]
    [TestCase("normal")]
    public async Task ShouldLeavePolicyAndIoPriorityAsTheyWereAtNormal(string? option)
    {
        var mine = Environment.ProcessId;
        var policy = LinuxScheduling.GetPolicy(mine, out _);
        var io = LinuxScheduling.GetIoPriority(mine);
        // The option wins over the variable: normal with DISTILL_PRIORITY=background is normal.
        var seen = await ObserveIngestAsync(option is null ? [] : ["--priority", option],
            option is null ? new Dictionary<string, string?> { ["DISTILL_PRIORITY"] = null } : new Dictionary<string, string?> { ["DISTILL_PRIORITY"] = "background" },
            expectApplied: false, (p, i) => p == policy && i == io);
        Assert.That(seen.Wrong, Is.Empty, seen.Error);
        Assert.That(seen.Samples, Is.GreaterThan(0), seen.Error);
        Assert.That(seen.Error, Does.Not.Contain(AppliedLine));
    }

    /// <summary>
    /// Ingests the shared data set into a new store and samples the child's threads every few milliseconds until it
    /// exits. With <paramref name="expectApplied"/> sampling starts once the child printed that the priority is set
    /// (before that its threads are still being changed); otherwise from the start.
    /// </summary>
    private static async Task<Observation> ObserveIngestAsync(string[] options, IReadOnlyDictionary<string, string?>? environment, bool expectApplied, Func<int, long, bool> expected)
    {
        await GeneratedDataSet.EnsureAsync();
        using var dir = new TempDirectory();
        using var process = DistillProcess.Start(environment, ["ingest", .. options, "--store", dir.File("store.db"), "--rejects", dir.File("rejects.jsonl"), GeneratedDataSet.Input]);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = new System.Text.StringBuilder();
        var applied = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }

            if (e.Data?.StartsWith(AppliedLine, StringComparison.Ordinal) == true)
            {
                applied.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        if (expectApplied)
        {
            await Task.WhenAny(applied.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        }

        var pid = process.Id.ToString(CultureInfo.InvariantCulture);
        var before = expectApplied && applied.Task.IsCompleted ? LinuxScheduling.Threads(pid).ToHashSet() : [];
        var threads = new HashSet<int>(before);
        var wrong = new List<string>();
        var samples = 0;
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && (!expectApplied || applied.Task.IsCompleted) && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            var sampled = false;
            foreach (var tid in LinuxScheduling.Threads(pid))
            {
                // The I/O priority first, then the state: a thread that exits loses its I/O context (ioprio_get then
                // answers class 0), and is marked exiting before that, so the state read after it tells.
                var io = LinuxScheduling.GetIoPriority(tid);
                if (Stat(pid, tid) is not { } stat || stat.Exiting)
                {
                    continue; // the thread (or the process) ended or is ending
                }

                var policy = stat.Policy;
                sampled = true;
                threads.Add(tid);
                if (io >= 0 && !expected(policy, io) && wrong.Count < 20)
                {
                    wrong.Add($"thread {tid} ({Name(pid, tid)}{(tid.ToString(CultureInfo.InvariantCulture) == pid ? ", the main thread" : "")}): policy {policy}, I/O priority class {LinuxScheduling.IoClass(io)} level {io & 0x1fff}");
                }
            }

            samples += sampled ? 1 : 0;
            await Task.Delay(5);
        }

        await process.WaitForExitAsync();
        await output;
        process.WaitForExit(); // the stderr callbacks are done after this one
        Assert.That(process.ExitCode, Is.Zero, error.ToString());
        if (expectApplied)
        {
            Assert.That(applied.Task.IsCompleted, Is.True, "the child never said it applied the priority: " + error);
        }

        lock (error)
        {
            return new Observation(samples, threads, [.. threads.Except(before)], wrong, error.ToString());
        }
    }

    /// <summary>
    /// Fields 3 (state), 9 (flags) and 41 (policy) of /proc/PID/task/TID/stat, counted after the command name's closing
    /// parenthesis (the name may hold spaces); exiting is a zombie or dead state or PF_EXITING (0x4) in the flags.
    /// </summary>
    private static (int Policy, bool Exiting)? Stat(string pid, int tid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/task/{tid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var flags = ulong.Parse(fields[9 - 3], CultureInfo.InvariantCulture);
            return (int.Parse(fields[41 - 3], CultureInfo.InvariantCulture), fields[0] is "Z" or "X" || (flags & 0x4) != 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Name(string pid, int tid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/task/{tid}/comm").Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
