using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Infrastructure.Detection;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Infrastructure.Tests.Detection;

public sealed class LeidenClusteringTests
{
    private static SnapshotBuilder Population() => new SnapshotBuilder()
        .Campaign("camp", accounts: 20, seed: 51)
        .Campaign("rogue", accounts: 12, seed: 52, templatePrefix: "tpl-rogue")
        .IndependentUsers("user", 80, seed: 53)
        .Family("family")
        .OfficeTeam("office")
        .Indicator("op-a", IndicatorKind.PaymentFingerprint, "card-camp-2", 0.9, "Example Lab");

    private static async Task<DetectionRun> DetectAsync(DetectionParameters? parameters = null)
    {
        var handler = new DetectClustersHandler(new FixedSnapshotSource(Population().Build()), new InMemoryRunStore(), LeidenClustering.Step, TimeProvider.System);
        return (await handler.Handle(new DetectClustersCommand(parameters), CancellationToken.None)).Run;
    }

    [Test]
    public void ShouldMapTheRecordedParametersToLeidenOptions()
    {
        var options = LeidenClustering.OptionsOf(new DetectionParameters { ClusteringQuality = "modularity", ClusteringResolution = 0.7, ClusteringSeed = 9 });
        Assert.That(options.Quality, Is.EqualTo(LeidenQuality.Modularity));
        Assert.That(options.Resolution, Is.EqualTo(0.7));
        Assert.That(options.Seed, Is.EqualTo(9UL));
        Assert.That(LeidenClustering.OptionsOf(new DetectionParameters()).Quality, Is.EqualTo(LeidenQuality.Cpm));
        Assert.That(() => LeidenClustering.OptionsOf(new DetectionParameters { ClusteringQuality = "louvain" }), Throws.ArgumentException);
    }

    [Test]
    public async Task ShouldFlagBothCampaignsAndNoLookAlikeWithLeiden()
    {
        var run = await DetectAsync();
        var flagged = run.Clusters.Where(c => c.Flagged).ToList();
        Assert.That(flagged.Select(c => c.Members.Count), Is.EquivalentTo(new[] { 20, 12 }));
        Assert.That(flagged.SelectMany(c => c.Members).All(m => m.StartsWith("camp-", StringComparison.Ordinal) || m.StartsWith("rogue-", StringComparison.Ordinal)), Is.True);
        Assert.That(run.Parameters.ClusteringQuality, Is.EqualTo("cpm"));
    }

    [Test]
    public async Task ShouldGiveTheSameMembershipHashOnTheSameInput()
    {
        var first = await DetectAsync();
        var second = await DetectAsync();
        Assert.That(second.MembershipHash, Is.EqualTo(first.MembershipHash));
        var members = first.Clusters.SelectMany(c => c.Members).ToList();
        Assert.That(members, Is.Unique);
    }
}
