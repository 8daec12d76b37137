using Distill.Attribution.Domain.Detection;

#pragma warning disable CA1861 // Expected values read best inline in a test.

namespace Distill.Attribution.Domain.Tests.Detection;

public sealed class ClusterLineageTrackerTests
{
    private static readonly DetectionParameters Parameters = new();

    private static DetectedCluster Cluster(params string[] members) => new()
    {
        Members = members,
        RiskScore = 0.9,
        Flagged = true,
        Features = new ClusterFeatures(),
    };

    private static DetectionRun Run(IReadOnlyList<DetectedCluster> clusters, int next) => new()
    {
        RunId = "run-0001",
        CreatedAt = DateTimeOffset.UnixEpoch,
        Parameters = Parameters,
        ParametersHash = Parameters.ComputeHash(),
        InputHash = "x",
        CodeVersion = "test",
        MembershipHash = MembershipHash.Compute(clusters),
        KnownOperators = [],
        Clusters = clusters,
        NextClusterNumber = next,
    };

    private static DetectionRun First(params DetectedCluster[] clusters)
    {
        var (assigned, next) = ClusterLineageTracker.Assign(clusters, (DetectionRun?)null, Parameters);
        return Run(assigned, next);
    }

    [Test]
    public void ShouldNumberClustersOfAFirstRunAsNew()
    {
        var run = First(Cluster("a", "b"), Cluster("c", "d"));
        Assert.That(run.Clusters.Select(c => c.Id), Is.EqualTo(new[] { "c-0001", "c-0002" }));
        Assert.That(run.Clusters.Select(c => c.Lineage), Is.All.EqualTo(ClusterLineage.New));
        Assert.That(run.NextClusterNumber, Is.EqualTo(3));
    }

    [Test]
    public void ShouldKeepIdsOfUnchangedGrownAndShrunkClusters()
    {
        var previous = First(Cluster("a", "b", "c"), Cluster("d", "e", "f", "g"), Cluster("h", "i"));
        var (now, _) = ClusterLineageTracker.Assign([Cluster("a", "b", "c"), Cluster("d", "e", "f"), Cluster("h", "i", "j")], previous, Parameters);
        Assert.That(now.Select(c => c.Id), Is.EqualTo(new[] { "c-0001", "c-0002", "c-0003" }));
        Assert.That(now.Select(c => c.Lineage), Is.EqualTo(new[] { ClusterLineage.Unchanged, ClusterLineage.Shrunk, ClusterLineage.Grown }));
    }

    [Test]
    public void ShouldRecordASplitAndGiveTheSmallerPartANewId()
    {
        var previous = First(Cluster("a", "b", "c", "d", "e", "f"));
        var (now, next) = ClusterLineageTracker.Assign([Cluster("a", "b", "c", "d"), Cluster("e", "f")], previous, Parameters);
        Assert.That(now.Select(c => c.Lineage), Is.All.EqualTo(ClusterLineage.Split));
        Assert.That(now.Select(c => c.Id), Is.EqualTo(new[] { "c-0001", "c-0002" }));
        Assert.That(now[1].LineageParents, Is.EqualTo(new[] { "c-0001" }));
        Assert.That(next, Is.EqualTo(3));
    }

    [Test]
    public void ShouldRecordAMergeWithBothParents()
    {
        var previous = First(Cluster("a", "b", "c"), Cluster("d", "e"));
        var (now, _) = ClusterLineageTracker.Assign([Cluster("a", "b", "c", "d", "e")], previous, Parameters);
        Assert.That(now[0].Lineage, Is.EqualTo(ClusterLineage.Merged));
        Assert.That(now[0].Id, Is.EqualTo("c-0001"));
        Assert.That(now[0].LineageParents, Is.EqualTo(new[] { "c-0001", "c-0002" }));
    }

    [Test]
    public void ShouldNeverReuseARetiredId()
    {
        var first = First(Cluster("a", "b"), Cluster("c", "d"));
        var (second, next) = ClusterLineageTracker.Assign([Cluster("a", "b")], first, Parameters);
        var (third, _) = ClusterLineageTracker.Assign([Cluster("a", "b"), Cluster("x", "y")], Run(second, next), Parameters);
        Assert.That(third.Select(c => c.Id), Is.EqualTo(new[] { "c-0001", "c-0003" }));
        Assert.That(third[1].Lineage, Is.EqualTo(ClusterLineage.New));
    }
}
