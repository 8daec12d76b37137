using Distill.Attribution.Graph.Community;
using Distill.Attribution.Graph.Csr;

namespace Distill.Attribution.Graph.Tests.Community;

public sealed class LeidenTests
{
    private static readonly LeidenOptions ModularityOptions = new() { Seed = 7 };

    [Test]
    public void ShouldSplitTwoCliquesJoinedByOneEdge()
    {
        var graph = NamedGraphs.TwoCliquesJoinedByOneEdge(5);
        var result = Leiden.Run(graph, ModularityOptions);
        Assert.That(result.Membership, Is.EqualTo(Values.Of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1)));
        PartitionInvariants.AssertValid(graph, result, ModularityOptions);
    }

    [Test]
    public void ShouldSplitTwoCliquesUnderCpm()
    {
        var graph = NamedGraphs.TwoCliquesJoinedByOneEdge(5);
        var options = new LeidenOptions { Quality = LeidenQuality.Cpm, Resolution = 0.5, Seed = 7 };
        var result = Leiden.Run(graph, options);
        Assert.That(result.Membership, Is.EqualTo(Values.Of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1)));
        Assert.That(result.Quality, Is.EqualTo(2 * (10 - (0.5 * 10))).Within(1e-12));
        PartitionInvariants.AssertValid(graph, result, options);
    }

    [Test]
    public void ShouldMergeNeighbouringCliquesOfARingUnderModularity()
    {
        // 30 cliques of 5: r = 30 > 2 (l + 1) = 22, so pairs of cliques beat single cliques on modularity.
        var graph = NamedGraphs.RingOfCliques(30, 5);
        var result = Leiden.Run(graph, ModularityOptions);
        var cliques = Modularity.Compute(graph, NamedGraphs.RingOfCliquesTruth(30, 5));
        Assert.That(result.CommunityCount, Is.LessThan(30), "the resolution limit merges cliques");
        Assert.That(result.Quality, Is.GreaterThan(cliques + 1e-3), "merged cliques score higher than the true ones");
        PartitionInvariants.AssertValid(graph, result, ModularityOptions);
        AssertNoCliqueIsSplit(result.Membership, 5);
    }

    [Test]
    public void ShouldKeepEveryCliqueOfARingUnderCpm()
    {
        var graph = NamedGraphs.RingOfCliques(30, 5);
        var options = new LeidenOptions { Quality = LeidenQuality.Cpm, Resolution = 0.5, Seed = 7 };
        var result = Leiden.Run(graph, options);
        Assert.That(result.Membership, Is.EqualTo(NamedGraphs.RingOfCliquesTruth(30, 5)));
        PartitionInvariants.AssertValid(graph, result, options);
    }

    [Test]
    public void ShouldKeepEveryCliqueOfARingUnderModularityWithAHigherResolution()
    {
        var graph = NamedGraphs.RingOfCliques(30, 5);
        var options = ModularityOptions with { Resolution = 2.0 };
        var result = Leiden.Run(graph, options);
        Assert.That(result.Membership, Is.EqualTo(NamedGraphs.RingOfCliquesTruth(30, 5)));
        PartitionInvariants.AssertValid(graph, result, options);
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void ShouldRecoverAPlantedPartition(int seed)
    {
        var sizes = new[] { 5, 8, 12, 20, 30, 40, 60, 25, 10, 6 };
        var (graph, truth) = NamedGraphs.PlantedPartition(sizes, 0.6, 0.005, seed);
        var options = new LeidenOptions { Quality = LeidenQuality.Cpm, Resolution = 0.1, Seed = (ulong)seed };
        var result = Leiden.Run(graph, options);
        PartitionInvariants.AssertValid(graph, result, options);
        Assert.That(PartitionAgreement.AdjustedRandIndex(truth, result.Membership), Is.GreaterThan(0.95));
        Assert.That(PartitionAgreement.NormalizedMutualInformation(truth, result.Membership), Is.GreaterThan(0.95));

        var modularity = Leiden.Run(graph, ModularityOptions);
        PartitionInvariants.AssertValid(graph, modularity, ModularityOptions);
        Assert.That(PartitionAgreement.NormalizedMutualInformation(truth, modularity.Membership), Is.GreaterThan(0.9));
        Assert.That(modularity.Quality, Is.GreaterThanOrEqualTo(Modularity.Compute(graph, truth) - 1e-3), "at least the planted partition's modularity");
    }

    [Test]
    public void ShouldGiveTheSameMembershipForTheSameSeedOnAnyThreadCount()
    {
        var sizes = new int[40];
        for (var i = 0; i < sizes.Length; i++)
        {
            sizes[i] = 5 + (i * 7 % 45);
        }

        var (graph, _) = NamedGraphs.PlantedPartition(sizes, 0.3, 0.01, 11);
        foreach (var quality in new[] { LeidenQuality.Modularity, LeidenQuality.Cpm })
        {
            var options = new LeidenOptions { Quality = quality, Resolution = quality == LeidenQuality.Cpm ? 0.05 : 1.0, Seed = 99 };
            var reference = Leiden.Run(graph, options);
            PartitionInvariants.AssertValid(graph, reference, options);
            foreach (var threads in new[] { 1, 2, 4, 0 })
            {
                var again = Leiden.Run(graph, options with { Threads = threads });
                Assert.That(again.Membership, Is.EqualTo(reference.Membership), $"{quality}, {threads} threads");
                Assert.That(again.Quality, Is.EqualTo(reference.Quality));
                Assert.That(again.Iterations, Is.EqualTo(reference.Iterations));
            }
        }
    }

    [Test]
    public void ShouldGiveTheSameMembershipOnAnyThreadCountWhenTheParallelPathsRun()
    {
        // Large enough (≥ 200k arcs) that relabelling, refinement set-up and aggregation split across threads.
        var random = new Random(17);
        const int n = 30_000;
        var builder = new CsrGraphBuilder(n);
        var first = 0;
        while (first < n)
        {
            var size = Math.Min(n - first, random.Next(5, 60));
            for (var k = 0; k < size * 4; k++)
            {
                builder.AddEdge(first + random.Next(size), first + random.Next(size), random.Next(1, 4));
            }

            first += size;
        }

        for (var k = 0; k < n / 2; k++)
        {
            builder.AddEdge(random.Next(n), random.Next(n), 1);
        }

        var graph = builder.Build();
        Assert.That(graph.Targets, Has.Length.GreaterThan(200_000));
        foreach (var options in new[] { new LeidenOptions { Seed = 3, MaxIterations = 2 }, new LeidenOptions { Seed = 3, Quality = LeidenQuality.Cpm, Resolution = 0.2 } })
        {
            var one = Leiden.Run(graph, options with { Threads = 1 });
            PartitionInvariants.AssertValid(graph, one, options);
            var two = Leiden.Run(graph, options with { Threads = 2 });
            var four = Leiden.Run(graph, options with { Threads = 4 });
            Assert.That(two.Membership, Is.EqualTo(one.Membership));
            Assert.That(four.Membership, Is.EqualTo(one.Membership));
        }
    }

    [Test]
    public void ShouldGiveValidPartitionsOfSimilarQualityForDifferentSeeds()
    {
        var (graph, _) = NamedGraphs.PlantedPartition([10, 20, 30, 40, 15, 25, 35, 8], 0.25, 0.02, 5);
        var qualities = new List<double>();
        var memberships = new HashSet<string>();
        for (ulong seed = 1; seed <= 8; seed++)
        {
            var options = ModularityOptions with { Seed = seed };
            var result = Leiden.Run(graph, options);
            PartitionInvariants.AssertValid(graph, result, options);
            qualities.Add(result.Quality);
            memberships.Add(string.Join(',', result.Membership));
        }

        Assert.That(qualities.Max() - qualities.Min(), Is.LessThan(0.02));
    }

    [Test]
    public void ShouldStopAfterMaxIterations()
    {
        var (graph, _) = NamedGraphs.PlantedPartition([10, 20, 30, 40], 0.3, 0.05, 3);
        var one = Leiden.Run(graph, ModularityOptions with { MaxIterations = 1 });
        Assert.That(one.Iterations, Is.EqualTo(1));
        PartitionInvariants.AssertValid(graph, one, ModularityOptions);
        var stable = Leiden.Run(graph, ModularityOptions);
        Assert.That(stable.Iterations, Is.GreaterThanOrEqualTo(2), "until stable: the last iteration moved nothing");
        Assert.That(stable.Quality, Is.GreaterThanOrEqualTo(one.Quality - 1e-12));
    }

    [Test]
    public void ShouldReturnNothingForAnEmptyGraph()
    {
        var graph = new CsrGraphBuilder(0).Build();
        var result = Leiden.Run(graph, ModularityOptions);
        Assert.That(result.Membership, Is.Empty);
        Assert.That(result.CommunityCount, Is.Zero);
    }

    [TestCase(LeidenQuality.Modularity)]
    [TestCase(LeidenQuality.Cpm)]
    public void ShouldLeaveIsolatedNodesAlone(LeidenQuality quality)
    {
        // Nodes 0-2 a triangle, 3 and 5 isolated, 4-6 an edge.
        var graph = NamedGraphs.FromEdges(7, (0, 1, 1), (1, 2, 1), (0, 2, 1), (4, 6, 1));
        var options = new LeidenOptions { Quality = quality, Resolution = quality == LeidenQuality.Cpm ? 0.5 : 1.0 };
        var result = Leiden.Run(graph, options);
        Assert.That(result.Membership, Is.EqualTo(Values.Of(0, 0, 0, 1, 2, 3, 2)));
        PartitionInvariants.AssertValid(graph, result, options);
    }

    [Test]
    public void ShouldLeaveEveryNodeAloneWhenNoEdgeHasWeight()
    {
        var graph = NamedGraphs.FromEdges(4, (0, 1, 0), (1, 2, 0), (2, 3, 0));
        var result = Leiden.Run(graph, ModularityOptions);
        Assert.That(result.Membership, Is.EqualTo(Values.Of(0, 1, 2, 3)));
        Assert.That(result.Quality, Is.Zero);
    }

    [Test]
    public void ShouldIgnoreZeroWeightEdgesBetweenCommunities()
    {
        var builder = new CsrGraphBuilder(6);
        foreach (var (u, v) in new[] { (0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5) })
        {
            builder.AddEdge(u, v, 1);
        }

        builder.AddEdge(2, 3, 0);
        var graph = builder.Build();
        foreach (var options in new[] { ModularityOptions, new LeidenOptions { Quality = LeidenQuality.Cpm, Resolution = 0.5 } })
        {
            var result = Leiden.Run(graph, options);
            Assert.That(result.Membership, Is.EqualTo(Values.Of(0, 0, 0, 1, 1, 1)));
            PartitionInvariants.AssertValid(graph, result, options);
        }
    }

    [Test]
    public void ShouldHandleSelfLoops()
    {
        // Two triangles joined by an edge; heavy self-loops on 0 and 5 add internal weight.
        var graph = NamedGraphs.FromEdges(6, (0, 1, 1), (1, 2, 1), (0, 2, 1), (3, 4, 1), (4, 5, 1), (3, 5, 1), (2, 3, 1), (0, 0, 3), (5, 5, 3));
        var result = Leiden.Run(graph, ModularityOptions);
        Assert.That(result.Membership, Is.EqualTo(Values.Of(0, 0, 0, 1, 1, 1)));
        PartitionInvariants.AssertValid(graph, result, ModularityOptions);
    }

    [Test]
    public void ShouldRejectNegativeWeightsAndBadOptions()
    {
        var graph = NamedGraphs.FromEdges(2, (0, 1, -1));
        Assert.That(() => Leiden.Run(graph, ModularityOptions), Throws.ArgumentException);
        var good = NamedGraphs.FromEdges(2, (0, 1, 1));
        Assert.That(() => Leiden.Run(good, ModularityOptions with { Resolution = -1 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => Leiden.Run(good, ModularityOptions with { Randomness = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void ShouldKeepInvariantsOnRandomSparseGraphs()
    {
        // Sparse random graphs with varied weights are where local moving can leave a community disconnected.
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var n = 50 + random.Next(150);
            var builder = new CsrGraphBuilder(n);
            for (var e = 0; e < n * 1.5; e++)
            {
                builder.AddEdge(random.Next(n), random.Next(n), random.Next(4) == 0 ? 0 : random.Next(1, 10));
            }

            var graph = builder.Build();
            foreach (var options in new[]
            {
                new LeidenOptions { Seed = (ulong)seed },
                new LeidenOptions { Seed = (ulong)seed, Resolution = 3 },
                new LeidenOptions { Seed = (ulong)seed, Quality = LeidenQuality.Cpm, Resolution = 0.5 },
                new LeidenOptions { Seed = (ulong)seed, Quality = LeidenQuality.Cpm, Resolution = 0 },
            })
            {
                var result = Leiden.Run(graph, options);
                PartitionInvariants.AssertValid(graph, result, options);
                Assert.That(result.Quality, Is.GreaterThanOrEqualTo(Quality(graph, Singletons(n), options) - 1e-9), "never worse than singletons");
            }
        }
    }

    private static double Quality(CsrGraph graph, int[] membership, LeidenOptions options) =>
        options.Quality == LeidenQuality.Modularity
            ? Modularity.Compute(graph, membership, options.Resolution)
            : ConstantPottsModel.Compute(graph, membership, options.Resolution);

    private static int[] Singletons(int n)
    {
        var ids = new int[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = i;
        }

        return ids;
    }

    private static void AssertNoCliqueIsSplit(int[] membership, int size)
    {
        for (var u = 0; u < membership.Length; u++)
        {
            Assert.That(membership[u], Is.EqualTo(membership[u - (u % size)]), $"node {u} stays with its clique");
        }
    }
}
