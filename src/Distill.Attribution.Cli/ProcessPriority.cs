using System.Diagnostics;
using System.Globalization;

namespace Distill.Attribution.Cli;

/// <summary>How much of the machine a long-running verb may take (<c>--priority</c>, <c>DISTILL_PRIORITY</c>).</summary>
internal enum PriorityLevel
{
    /// <summary>As started: the policy, nice value and I/O priority the process was given.</summary>
    Normal,

    /// <summary>Only what the rest of the machine leaves idle, so that a server beside it keeps its latency.</summary>
    Background,
}

/// <summary>
/// Lowers the whole process to background priority. On Linux every thread runs under SCHED_IDLE and in the idle I/O
/// class. Under SCHED_IDLE a waking normal thread (a server's) preempts ours at once and the scheduler counts a core
/// running only SCHED_IDLE threads as idle when it places a waking thread; our weight is 3 against a nice-0 thread's
/// 1,024 (nice 19 is 15, and gets no such preemption). Both are allowed to an unprivileged user and cannot be undone
/// by one, which is fine for a process that ends with its verb. Elsewhere
/// the process gets the Idle priority class (macOS: nice 19 for the process; Windows: IDLE_PRIORITY_CLASS), and
/// I/O is not changed.
/// </summary>
internal static class ProcessPriority
{
    // A thread created while the list is walked is created by a thread not yet changed and may keep the old
    // policy: walk again until a pass finds no thread it has not seen. Threads are created at start-up and by the
    // thread pool in small numbers, so two passes are the rule; the bound only keeps a pathological case finite.
    private const int MaxPasses = 20;

    private const int Esrch = 3;

    /// <summary>Lowers this process; returns one line saying what was done (and what could not be).</summary>
    public static string LowerToBackground()
    {
        if (!OperatingSystem.IsLinux())
        {
            using var self = Process.GetCurrentProcess();
            self.PriorityClass = ProcessPriorityClass.Idle;
            return "priority: background (the Idle process priority class; SCHED_IDLE and the idle I/O class are Linux only)";
        }

        var done = new HashSet<int>();
        var cpuErrors = new Dictionary<int, int>();
        var ioErrors = new Dictionary<int, int>();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var fresh = LinuxScheduling.Threads().Where(done.Add).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            foreach (var tid in fresh)
            {
                Count(cpuErrors, LinuxScheduling.SetIdlePolicy(tid));
                Count(ioErrors, LinuxScheduling.SetIdleIoClass(tid));
            }
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"priority: background (SCHED_IDLE and the idle I/O class on {done.Count} threads; threads created later inherit both)");
        if (cpuErrors.Count > 0 || ioErrors.Count > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"; not applied: {Describe("SCHED_IDLE", cpuErrors)}{(cpuErrors.Count > 0 && ioErrors.Count > 0 ? ", " : "")}{Describe("idle I/O class", ioErrors)}");
        }

        return text;
    }

    private static void Count(Dictionary<int, int> errors, int errno)
    {
        // ESRCH: the thread ended between the listing and the call; nothing to change.
        if (errno is not (0 or Esrch))
        {
            errors[errno] = errors.GetValueOrDefault(errno) + 1;
        }
    }

    private static string Describe(string what, Dictionary<int, int> errors) =>
        errors.Count == 0 ? "" : $"{what} on {errors.Values.Sum()} threads ({string.Join(", ", errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"errno {e.Key}")))})";
}
