using System.Globalization;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Domain.Detection;

namespace Distill.Attribution.Application.Tests.Clusters;

/// <summary>What <c>Cluster.evidenceSteps</c> pages: every step once by depth, and a member's ancestors up to the core.</summary>
public sealed class ClusterIndexTests
{
    private const int PathLength = 400;

    [Test]
    public void ShouldWalkAMembersAncestorsUpToTheCoreInAPathHundredsOfStepsDeep()
    {
        var index = new ClusterIndex(DeepCluster());
        var chain = index.AncestorsOf(Name(PathLength));

        Assert.That(chain.Select(s => s.Member), Is.EqualTo(Enumerable.Range(0, PathLength + 1).Reverse().Select(Name)));
        Assert.That(chain[0].Depth, Is.EqualTo(PathLength));
        Assert.That(chain[^1].Parent, Is.Null);
        Assert.That(index.ChainFor(Name(PathLength)).Steps, Is.EqualTo(chain), "the deprecated chain is the same walk");
        Assert.That(index.AncestorsOf("branch").Select(s => s.Member), Is.EqualTo(new[] { "branch", Name(2), Name(1), Name(0) }));
        Assert.That(index.AncestorsOf("loose").Select(s => s.Member), Is.EqualTo(new[] { "loose" }), "an unlinked member's chain is its own step");
        Assert.That(index.AncestorsOf("nobody"), Is.Empty);
    }

    [Test]
    public void ShouldListEveryStepOnceTheCoreFirstThenByDepthUnlinkedLast()
    {
        var cluster = DeepCluster();
        var steps = new ClusterIndex(cluster).StepsByDepth;

        Assert.That(steps, Is.EquivalentTo(cluster.Evidence!.Steps));
        Assert.That(steps[0].Member, Is.EqualTo(Name(0)));
        Assert.That(steps[^1].Member, Is.EqualTo("loose"));
        Assert.That(steps.Take(steps.Count - 1).Select(s => s.Depth), Is.Ordered);
        Assert.That(steps.Select(s => s.Member).ToList().IndexOf("branch"), Is.EqualTo(3), "depth 3, before m003: ties in the evidence's own order");
    }

    [Test]
    public void ShouldFindOneMembersStepOrNone()
    {
        var index = new ClusterIndex(DeepCluster());
        Assert.That(index.StepOf("branch")!.Parent, Is.EqualTo(Name(2)));
        Assert.That(index.StepOf("nobody"), Is.Null);
        Assert.That(new ClusterIndex(DeepCluster() with { Evidence = null }).StepsByDepth, Is.Empty);
    }

    [Test]
    public void ShouldStopAtACycleInsteadOfLoopingForever()
    {
        var steps = new[]
        {
            new EvidenceStep("a", "b", 1, [], []),
            new EvidenceStep("b", "a", 1, [], []),
        };
        var index = new ClusterIndex(DeepCluster() with { Evidence = new EvidenceTree("a", steps) });
        Assert.That(index.AncestorsOf("a").Select(s => s.Member), Is.EqualTo(new[] { "a", "b" }));
    }

    private static string Name(int i) => "m" + i.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>A path m000 (core) ← m001 ← ... ← m400, a branch off m002, and a member without a link; steps in member-id order, as a run stores them.</summary>
    private static DetectedCluster DeepCluster()
    {
        var steps = new List<EvidenceStep> { new("branch", Name(2), 3, [Link("branch", Name(2))], []) };
        for (var i = 0; i <= PathLength; i++)
        {
            steps.Add(i == 0 ? new EvidenceStep(Name(0), null, 0, [], []) : new EvidenceStep(Name(i), Name(i - 1), i, [Link(Name(i), Name(i - 1))], []));
        }

        steps.Add(new EvidenceStep("loose", null, -1, [], []));
        steps.Sort((a, b) => string.CompareOrdinal(a.Member, b.Member));
        return new DetectedCluster
        {
            Id = "c-0001",
            Members = steps.Select(s => s.Member).ToArray(),
            RiskScore = 0.9,
            Flagged = true,
            Features = new ClusterFeatures(),
            Evidence = new EvidenceTree(Name(0), steps),
        };
    }

    private static EvidenceLink Link(string from, string to) =>
        new("shared_payment", 1.0, from, to, "share a card", [new ProvenanceRecord { Kind = "payment", Account = from, Value = "pf" }]);
}
