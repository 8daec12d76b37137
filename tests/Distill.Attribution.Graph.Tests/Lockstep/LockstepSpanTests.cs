using Distill.Attribution.Graph.Lockstep;

namespace Distill.Attribution.Graph.Tests.Lockstep;

/// <summary>Issue 17, item 4: the memory of lockstep detection does not depend on the time span of the data.</summary>
public sealed class LockstepSpanTests
{
    private const long MinuteMs = 60_000;
    private static readonly long T0 = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Ten accounts in step (the same minutes on ten days) and thirty independent ones.</summary>
    private static (int[] Offsets, List<long> Ts) Data(int seed)
    {
        var random = new Random(seed);
        var offsets = new List<int> { 0 };
        var ts = new List<long>();
        var shared = Enumerable.Range(0, 60).Select(i => T0 + (i / 6 * 86_400_000L) + (random.Next(0, 1440) * MinuteMs)).Order().ToArray();
        for (var a = 0; a < 40; a++)
        {
            var times = a < 10
                ? shared.Select(t => t + random.Next(0, 30_000))
                : Enumerable.Range(0, 60).Select(_ => T0 + (random.Next(0, 10 * 1440) * MinuteMs) + random.Next(0, 60_000));
            ts.AddRange(times.Order());
            offsets.Add(ts.Count);
        }

        return ([.. offsets], ts);
    }

    [Test]
    public void ShouldFindTheSamePairsWithSparseAndDenseBuckets()
    {
        var (offsets, ts) = Data(7);
        var options = new LockstepOptions();
        var dense = LockstepDetector.Detect(offsets, [.. ts], options, LockstepDetector.DefaultMaxDenseBuckets);
        var sparse = LockstepDetector.Detect(offsets, [.. ts], options, maxDenseBuckets: 0);
        Assert.That(dense.Count, Is.GreaterThanOrEqualTo(9), "the ten accounts in step are linked");
        Assert.That(sparse.A, Is.EqualTo(dense.A));
        Assert.That(sparse.B, Is.EqualTo(dense.B));
        Assert.That(sparse.SharedBuckets, Is.EqualTo(dense.SharedBuckets));
        Assert.That(sparse.Jaccard, Is.EqualTo(dense.Jaccard));
        Assert.That(sparse.PhaseSlots, Is.EqualTo(dense.PhaseSlots));
    }

    [Test]
    public void ShouldNotAllocateForTheTimeSpanWhenRowsAreDatedTenMillenniaApart()
    {
        var (offsets, ts) = Data(11);
        // Two more accounts: one request dated 0001-01-01, one dated 9999-12-31 (5 billion minute buckets apart).
        ts.Add(DateTimeOffset.MinValue.ToUnixTimeMilliseconds());
        ts.Add(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds());
        int[] all = [.. offsets, ts.Count - 1, ts.Count];
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var pairs = LockstepDetector.Detect(all, [.. ts], new LockstepOptions { MaxDegreeOfParallelism = 1 });
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.That(allocated, Is.LessThan(64L << 20), $"allocated {allocated:N0} bytes");
        Assert.That(pairs.Count, Is.GreaterThanOrEqualTo(9), "the accounts in step are still linked");
        var (_, buckets, _, numbers, span) = LockstepDetector.BucketSets(all, [.. ts], MinuteMs);
        Assert.That(numbers, Is.Not.Null, "a span this long is indexed sparsely");
        Assert.That(span, Is.GreaterThan(5_000_000_000L));
        Assert.That(buckets.Max(), Is.LessThan(ts.Count));
    }
}
