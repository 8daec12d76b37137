using System.Collections.Concurrent;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Independent work over <c>[0, count)</c> in contiguous ranges on the thread pool, for loops whose items are too cheap
/// for a delegate call each (millions of elements, each a small sort). Each index is handled exactly once, by one thread;
/// the caller writes only to slots its indexes own, so the result does not depend on the schedule.
/// </summary>
internal static class ParallelRanges
{
    private const int Ranges = 64;

    public static void For(int count, Action<int, int> body)
    {
        if (count <= 0)
        {
            return;
        }

        // 64 ranges: enough to keep any few cores busy when ranges cost unevenly, and small enough that what a range
        // collects before it is laid out (co-use's element lists) stays a small share of the whole.
        Parallel.ForEach(Partitioner.Create(0, count, Math.Max(1, count / Ranges)), range => body(range.Item1, range.Item2));
    }
}
