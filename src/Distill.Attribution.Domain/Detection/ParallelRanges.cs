using System.Collections.Concurrent;

namespace Distill.Attribution.Domain.Detection;

/// <summary>
/// Independent work over <c>[0, count)</c> in contiguous ranges on the thread pool, for loops whose items are too cheap
/// for a delegate call each (millions of elements, each a small sort). Each index is handled exactly once, by one thread;
/// the caller writes only to slots its indexes own, so the result does not depend on the schedule.
/// </summary>
internal static class ParallelRanges
{
    public static void For(int count, Action<int, int> body)
    {
        if (count <= 0)
        {
            return;
        }

        // The partitioner's own range size (a few ranges per core) keeps the cores busy when ranges cost unevenly.
        Parallel.ForEach(Partitioner.Create(0, count), range => body(range.Item1, range.Item2));
    }
}
