using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>Issue 17, item 4: two rows dated 0001 and 9999 must not make detection's memory follow the span.</summary>
public sealed class TimeSpanTests
{
    [Test]
    public void ShouldDetectWithoutAllocatingForTenMillenniaOfTime()
    {
        var builder = new SnapshotBuilder().Campaign("camp", accounts: 20, seed: 41).IndependentUsers("user", 30, seed: 42);
        builder.Request("user-0", DateTimeOffset.MinValue.AddDays(1), capability: "reasoning_cot");
        builder.Request("user-1", DateTimeOffset.MaxValue.AddDays(-1), capability: "reasoning_cot");
        var snapshot = builder.Build();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var outcome = Detect.Run(snapshot);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.That(outcome.ClusterOf("camp-0")!.Flagged, Is.True);
        // Dense per-minute or per-hour tables over 10,000 years would need gigabytes (5e9 minutes, 8.8e7 hours).
        Assert.That(allocated, Is.LessThan(200L << 20), $"allocated {allocated:N0} bytes");
    }
}
