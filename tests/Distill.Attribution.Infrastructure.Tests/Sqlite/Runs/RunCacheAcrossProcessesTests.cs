using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Runs;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Investigation;
using Distill.Attribution.Sqlite.Runs;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite.Runs;

/// <summary>
/// The API's run cache over one store object sees runs saved through another store object on the same file (as a
/// `distill detect` process beside `distill serve`), and the runs list comes from one query.
/// </summary>
public sealed class RunCacheAcrossProcessesTests
{
    private string _path = "";

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [SetUp]
    public void CreatePath() => _path = TempDatabase.NewPath();

    [TearDown]
    public void DeleteFile() => TempDatabase.Delete(_path);

    private static SnapshotBuilder Population(int campaignAccounts) => new SnapshotBuilder()
        .Campaign("camp", accounts: campaignAccounts, seed: 51)
        .IndependentUsers("user", 40, seed: 53);

    private static async Task<DetectionRun> DetectAsync(SqliteRunStore runs, int campaignAccounts, int minute)
    {
        var handler = new DetectClustersHandler(new FixedSnapshotSource(Population(campaignAccounts).Build()), runs, (g, _, _) => ConnectedComponents.Compute(g),
            new FixedClock(new DateTimeOffset(2026, 2, 20, 10, minute, 0, TimeSpan.Zero)));
        return (await handler.Handle(new DetectClustersCommand(), CancellationToken.None)).Run;
    }

    [Test]
    public async Task ShouldSeeARunSavedThroughAnotherStoreOnTheSameFile()
    {
        var writer = SqliteRunStore.Open(_path);
        var first = await DetectAsync(writer, campaignAccounts: 12, minute: 0);
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = _path });
        using var cache = new RunCache(SqliteRunStore.Open(_path), new SqliteAccountReadModel(database, new RequestAggregates(database))) { RecheckInterval = TimeSpan.Zero };
        Assert.That((await cache.GetAsync(CancellationToken.None))!.RunId, Is.EqualTo(first.RunId));

        var second = await DetectAsync(SqliteRunStore.Open(_path), campaignAccounts: 16, minute: 5);

        var seen = await cache.GetAsync(CancellationToken.None);
        Assert.That(second.RunId, Is.Not.EqualTo(first.RunId));
        Assert.That(seen!.RunId, Is.EqualTo(second.RunId));
        Assert.That(seen.ByRisk.Max(c => c.Members.Count), Is.EqualTo(16));
    }

    [Test]
    public async Task ShouldKeepTheHeldRunWithinTheRecheckInterval()
    {
        var writer = SqliteRunStore.Open(_path);
        var first = await DetectAsync(writer, campaignAccounts: 12, minute: 0);
        using var database = new SqliteDatabase(new SqliteStoreOptions { Path = _path });
        using var cache = new RunCache(SqliteRunStore.Open(_path), new SqliteAccountReadModel(database, new RequestAggregates(database))) { RecheckInterval = TimeSpan.FromHours(1) };
        var held = await cache.GetAsync(CancellationToken.None);

        await DetectAsync(writer, campaignAccounts: 16, minute: 5);

        Assert.That(await cache.GetAsync(CancellationToken.None), Is.SameAs(held), "no store query within the interval");
        cache.RecheckInterval = TimeSpan.Zero;
        Assert.That((await cache.GetAsync(CancellationToken.None))!.RunId, Is.Not.EqualTo(first.RunId));
    }

    [Test]
    public async Task ShouldListRunSummariesNewestFirstInOneQueryLikeLoadingEachRun()
    {
        var runs = SqliteRunStore.Open(_path);
        var saved = new[]
        {
            await DetectAsync(runs, campaignAccounts: 12, minute: 0),
            await DetectAsync(runs, campaignAccounts: 14, minute: 1),
            await DetectAsync(runs, campaignAccounts: 16, minute: 2),
        };

        var page = await runs.ListRunSummariesAsync(2, 1, CancellationToken.None);

        Assert.That(page, Is.Not.Null);
        Assert.That(page!.TotalCount, Is.EqualTo(3));
        Assert.That(page.Offset, Is.EqualTo(1));
        Assert.That(page.Items, Is.EqualTo(new[] { RunSummary.Of(saved[1]), RunSummary.Of(saved[0]) }));
        Assert.That(saved.Any(r => r.Clusters.Any(c => c.Flagged)), Is.True, "flagged counts must be exercised");
        Assert.That(await runs.GetLatestRunIdAsync(CancellationToken.None), Is.EqualTo(saved[2].RunId));
        Assert.That((await runs.ListRunSummariesAsync(10, 5, CancellationToken.None))!.Items, Is.Empty);
    }
}
