using System.Globalization;
using System.Runtime.InteropServices;

namespace Distill.Attribution.Cli;

/// <summary>
/// The Linux calls behind <c>--priority background</c>: the CPU scheduling policy (sched(7)) and the I/O priority
/// (ioprio_set(2)) of one thread. Both are per thread on Linux: a thread takes its creator's policy and I/O priority
/// when it is created, so the threads that exist are changed one by one (<see cref="Threads()"/>) and later ones inherit.
/// </summary>
internal static class LinuxScheduling
{
    /// <summary>SCHED_OTHER, the default time-sharing policy.</summary>
    public const int SchedOther = 0;

    /// <summary>SCHED_IDLE: runs only when no other runnable thread wants the core; no privilege needed.</summary>
    public const int SchedIdle = 5;

    /// <summary>IOPRIO_CLASS_IDLE: served only when no other I/O is pending (where the I/O scheduler has classes).</summary>
    public const int IoClassIdle = 3;

    private const int IoprioWhoProcess = 1; // "process" is a thread id here: one thread's I/O context.
    private const int IoprioClassShift = 13;

    /// <summary>Whether this architecture's ioprio_set/ioprio_get syscall numbers are known.</summary>
    public static bool HasIoPriority => IoprioSyscalls is not null;

    private static (long Set, long Get)? IoprioSyscalls => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => (251, 252),
        Architecture.Arm64 or Architecture.LoongArch64 or Architecture.RiscV64 => (30, 31), // the generic syscall table
        Architecture.X86 => (289, 290),
        Architecture.Arm => (314, 315),
        _ => null,
    };

    /// <summary>The ids of this process's threads now (<c>/proc/self/task</c>).</summary>
    public static IReadOnlyList<int> Threads() => Threads("self");

    /// <summary>The ids of a process's threads now; empty when the process is gone.</summary>
    public static IReadOnlyList<int> Threads(string pid)
    {
        var ids = new List<int>();
        try
        {
            foreach (var dir in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var tid))
                {
                    ids.Add(tid);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
        }

        return ids;
    }

    /// <summary>Puts one thread under SCHED_IDLE; 0, or the errno (ESRCH = 3 when the thread has ended meanwhile).</summary>
    public static int SetIdlePolicy(int tid)
    {
        var param = 0; // struct sched_param { int sched_priority; }: 0 for SCHED_IDLE
        return sched_setscheduler(tid, SchedIdle, ref param) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>A thread's scheduling policy, or -1 with the errno in <paramref name="errno"/>.</summary>
    public static int GetPolicy(int tid, out int errno)
    {
        var policy = sched_getscheduler(tid);
        errno = policy < 0 ? Marshal.GetLastPInvokeError() : 0;
        return policy;
    }

    /// <summary>Puts one thread in the idle I/O class; 0, or the errno (ENOSYS = 38 on an unknown architecture).</summary>
    public static int SetIdleIoClass(int tid)
    {
        if (IoprioSyscalls is not { } calls)
        {
            return 38;
        }

        return syscall(calls.Set, IoprioWhoProcess, tid, IoClassIdle << IoprioClassShift) == 0 ? 0 : Marshal.GetLastPInvokeError();
    }

    /// <summary>A thread's I/O priority as ioprio_get(2) returns it (class &lt;&lt; 13 | level), or -1.</summary>
    public static long GetIoPriority(int tid) =>
        IoprioSyscalls is { } calls ? syscall(calls.Get, IoprioWhoProcess, tid, 0) : -1;

    /// <summary>The class part of an I/O priority (0 none, 1 real-time, 2 best-effort, 3 idle).</summary>
    public static int IoClass(long ioPriority) => ioPriority < 0 ? -1 : (int)(ioPriority >> IoprioClassShift);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int sched_setscheduler(int pid, int policy, ref int param);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int sched_getscheduler(int pid);

    // glibc has no ioprio_set/ioprio_get wrappers: syscall(2) with the number. Three int arguments, no floats, so the
    // variadic call is passed like a plain one on every ABI listed above.
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern long syscall(long number, int which, int who, int ioprio);
}
