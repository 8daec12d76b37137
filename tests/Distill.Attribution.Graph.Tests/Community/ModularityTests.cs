using Distill.Attribution.Graph.Community;

namespace Distill.Attribution.Graph.Tests.Community;

public sealed class ModularityTests
{
    [Test]
    public void ShouldMatchTheHandComputedValueForTwoTrianglesJoinedByOneEdge()
    {
        var graph = NamedGraphs.TwoCliquesJoinedByOneEdge(3);
        // m = 7; each triangle: e = 3, K = 7 → 2 (3/7 − (7/14)²) = 6/7 − 1/2.
        Assert.That(Modularity.Compute(graph, [0, 0, 0, 1, 1, 1]), Is.EqualTo((6.0 / 7) - 0.5).Within(1e-12));
        Assert.That(Modularity.Compute(graph, [0, 0, 0, 0, 0, 0]), Is.EqualTo(0).Within(1e-12));
        // A higher resolution penalises the big communities more: 6/7 − 2 · 1/2.
        Assert.That(Modularity.Compute(graph, [0, 0, 0, 1, 1, 1], 2.0), Is.EqualTo((6.0 / 7) - 1).Within(1e-12));
    }

    [Test]
    public void ShouldCountASelfLoopOnceInsideAndTwiceInTheStrength()
    {
        var graph = NamedGraphs.FromEdges(2, (0, 1, 1), (0, 0, 1));
        // m = 2, k0 = 3, k1 = 1 (igraph's convention).
        Assert.That(Modularity.Compute(graph, [0, 0]), Is.EqualTo(0).Within(1e-12));
        Assert.That(Modularity.Compute(graph, [0, 1]), Is.EqualTo((0.5 - 0.5625) - 0.0625).Within(1e-12));
    }

    [Test]
    public void ShouldReturnNaNForAGraphWithoutWeight()
    {
        var graph = NamedGraphs.FromEdges(3, (0, 1, 0));
        Assert.That(Modularity.Compute(graph, [0, 0, 1]), Is.NaN);
    }

    [Test]
    public void ShouldComputeCpmFromInternalWeightAndPairs()
    {
        var graph = NamedGraphs.TwoCliquesJoinedByOneEdge(3);
        Assert.That(ConstantPottsModel.Compute(graph, [0, 0, 0, 1, 1, 1], 0.5), Is.EqualTo(2 * (3 - 1.5)).Within(1e-12));
        Assert.That(ConstantPottsModel.Compute(graph, [0, 0, 0, 0, 0, 0], 0.5), Is.EqualTo(7 - (0.5 * 15)).Within(1e-12));
        Assert.That(ConstantPottsModel.Compute(graph, [0, 1, 2, 3, 4, 5], 0.5), Is.Zero);
    }

    [Test]
    public void ShouldRejectAMembershipOfTheWrongLength()
    {
        var graph = NamedGraphs.TwoCliquesJoinedByOneEdge(3);
        Assert.That(() => Modularity.Compute(graph, [0, 0]), Throws.ArgumentException);
    }
}
