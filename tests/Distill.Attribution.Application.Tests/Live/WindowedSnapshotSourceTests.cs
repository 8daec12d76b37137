using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Application.Tests.Live;

/// <summary>The sliding window: old requests and sessions age out, the rest of the snapshot stays whole.</summary>
public sealed class WindowedSnapshotSourceTests
{
    private static readonly DateTimeOffset T0 = SnapshotBuilder.T0;

    [Test]
    public async Task ShouldKeepOnlyTheRequestsAndSessionsOfTheLastWindow()
    {
        var whole = new SnapshotBuilder()
            .Request("a", T0).Request("a", T0.AddDays(5)).Request("a", T0.AddDays(9), model: "m-2")
            .Request("b", T0.AddDays(1))
            .Request("c", T0.AddDays(8)).Request("c", T0.AddDays(10))
            .Session("b", "10.0.0.1", first: T0)
            .Session("c", "10.0.0.2", first: T0.AddDays(9))
            .Release("m-2", T0.AddDays(8))
            .Build();
        var source = new WindowedSnapshotSource(new FixedSnapshotSource(whole), TimeSpan.FromDays(3));
        var cut = await source.LoadSnapshotAsync(null, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(source.Last, Is.SameAs(cut));
            Assert.That(Requests(cut), Is.EquivalentTo(new[] { ("a", T0.AddDays(9)), ("c", T0.AddDays(8)), ("c", T0.AddDays(10)) }),
                "the window ends at the latest request and holds the 3 days before it");
            Assert.That(cut.AccountIds, Is.EqualTo(whole.AccountIds), "accounts are kept");
            Assert.That(cut.SessionAccount.Select(a => cut.AccountIds[a]), Is.EqualTo(new[] { "c" }), "b's session was last seen before the window");
            Assert.That(cut.Releases, Is.EqualTo(whole.Releases));
            Assert.That(cut.InputHash, Is.Not.EqualTo(whole.InputHash), "a run records that it saw a window");
            Assert.That(SnapshotWindow.LatestRequestMs(cut), Is.EqualTo(T0.AddDays(10).ToUnixTimeMilliseconds()));
        });
    }

    [Test]
    public async Task ShouldReadInFullFromAStoreThatReadsNoDeltas()
    {
        var whole = new SnapshotBuilder().Request("a", T0).Build();
        var source = new WindowedSnapshotSource(new FixedSnapshotSource(whole), null);
        await source.LoadSnapshotAsync(null, CancellationToken.None);
        Assert.That(source.LastHow, Is.EqualTo("full read: the store reads no deltas"));
        var off = new WindowedSnapshotSource(new FixedSnapshotSource(whole), null, incremental: false);
        await off.LoadSnapshotAsync(null, CancellationToken.None);
        Assert.That(off.LastHow, Is.EqualTo("full read (incremental reads off)"));
    }

    [Test]
    public async Task ShouldReadAfreshWhenADeltaFails()
    {
        var store = new FailingDeltaSource(new SnapshotBuilder().Request("a", T0).Build());
        var source = new WindowedSnapshotSource(store, null);
        await source.LoadSnapshotAsync(null, CancellationToken.None);
        var second = await source.LoadSnapshotAsync(null, CancellationToken.None);
        Assert.That(source.LastHow, Is.EqualTo("full read: the delta failed (InvalidOperationException: merge broke)"));
        Assert.That(second, Is.SameAs(store.Snapshot));
        Assert.That(store.Previous, Is.EqualTo(new[] { false, true, false }), "first read, the failed delta, the fresh read");
    }

    [Test]
    public async Task ShouldPassTheWholeSnapshotWithoutAWindow()
    {
        var whole = new SnapshotBuilder().Request("a", T0).Request("a", T0.AddDays(50)).Build();
        var source = new WindowedSnapshotSource(new FixedSnapshotSource(whole), null);
        Assert.That(await source.LoadSnapshotAsync(null, CancellationToken.None), Is.SameAs(whole));
    }

    [Test]
    public void ShouldFindTheFirstUseOfAModelWithinThePivotWindow()
    {
        var snapshot = new SnapshotBuilder()
            .Request("a", T0.AddHours(1), model: "m-2").Request("a", T0.AddHours(-5), model: "m-2")
            .Request("b", T0.AddHours(30), model: "m-2")
            .Request("c", T0.AddHours(2), model: "m-1")
            .Build();
        var use = new LiveBatchProcessor.ModelUse(snapshot, TimeSpan.FromHours(24));
        var cluster = new DetectedCluster { Id = "c-0001", Members = ["a", "b", "c", "unknown"], RiskScore = 1, Flagged = true, Features = new ClusterFeatures() };
        var found = use.Find(cluster, new ReleaseRecord("m-2", T0));
        Assert.That(found, Is.EqualTo(new PivotUse(T0.AddHours(1), 1)), "a request before the release does not count; b came after 24 h");
        Assert.That(use.Find(cluster, new ReleaseRecord("m-9", T0)), Is.Null);
    }

    private static IEnumerable<(string, DateTimeOffset)> Requests(DetectionSnapshot s)
    {
        for (var a = 0; a < s.AccountCount; a++)
        {
            for (var r = s.RequestOffsets[a]; r < s.RequestOffsets[a + 1]; r++)
            {
                yield return (s.AccountIds[a], DateTimeOffset.FromUnixTimeMilliseconds(s.RequestTsMs[r]));
            }
        }
    }

    /// <summary>A store whose deltas always fail: each read from a previous cursor throws.</summary>
    private sealed class FailingDeltaSource(DetectionSnapshot snapshot) : ISnapshotSource
    {
        public DetectionSnapshot Snapshot { get; } = snapshot;

        /// <summary>Whether each call had a previous cursor.</summary>
        public List<bool> Previous { get; } = [];

        public Task<DetectionSnapshot> LoadSnapshotAsync(IProgress<long>? progress, CancellationToken ct) => Task.FromResult(Snapshot);

        public Task<IReadOnlyDictionary<long, string>> ResolveRequestIdsAsync(IReadOnlyCollection<long> rowIds, CancellationToken ct) =>
            throw new NotSupportedException();

        public Task<SnapshotCursor> LoadSnapshotSinceAsync(SnapshotCursor? previous, TimeSpan? window, CancellationToken ct)
        {
            Previous.Add(previous is not null);
            return previous is null ? Task.FromResult<SnapshotCursor>(new Cursor(Snapshot)) : throw new InvalidOperationException("merge broke");
        }

        private sealed class Cursor(DetectionSnapshot snapshot) : SnapshotCursor(snapshot, null, true, "full read: first read");
    }
}
