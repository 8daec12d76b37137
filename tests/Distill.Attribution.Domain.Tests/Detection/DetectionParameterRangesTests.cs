using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>Issue 17 item 3: one documented range per detection parameter, and cancellation in every phase.</summary>
public sealed class DetectionParameterRangesTests
{
    /// <summary>Fails when a parameter is added (e.g. on another branch) without a row in the range table.</summary>
    [Test]
    public void ShouldHaveARangeForEveryParameter()
    {
        var missing = DetectionParameterRanges.Properties.Select(p => p.Name).Where(n => !DetectionParameterRanges.All.ContainsKey(n)).ToArray();

        Assert.That(missing, Is.Empty, "parameters without a valid range in DetectionParameterRanges.All");
        Assert.That(DetectionParameterRanges.All.Keys.Except(DetectionParameterRanges.Properties.Select(p => p.Name)), Is.Empty, "ranges of parameters that no longer exist");
    }

    [Test]
    public void ShouldAcceptTheDefaults() =>
        Assert.That(DetectionParameterRanges.Check(new DetectionParameters()), Is.Empty);

    [TestCase(nameof(DetectionParameters.ClusteringResolution), 1e308)]
    [TestCase(nameof(DetectionParameters.ClusteringResolution), 0.0)]
    [TestCase(nameof(DetectionParameters.ClusteringResolution), double.NaN)]
    [TestCase(nameof(DetectionParameters.MinEdgeWeight), double.PositiveInfinity)]
    [TestCase(nameof(DetectionParameters.FlagThreshold), 1.5)]
    [TestCase(nameof(DetectionParameters.ScoreBias), -1e9)]
    public void ShouldRejectANumberOutsideItsRange(string name, double value)
    {
        var parameters = With(name, value);

        var problems = DetectionParameterRanges.Check(parameters);

        Assert.That(problems.Select(p => p.Name), Is.EqualTo(new[] { name }));
        Assert.That(problems[0].Message, Does.StartWith(name + " must be"));
    }

    [TestCase(nameof(DetectionParameters.LockstepBucketSeconds), 0)]
    [TestCase(nameof(DetectionParameters.LockstepBands), 100_000)]
    [TestCase(nameof(DetectionParameters.LockstepRowsPerBand), 1000)]
    [TestCase(nameof(DetectionParameters.LockstepMaxGroupSize), 1_000_000)]
    [TestCase(nameof(DetectionParameters.HarvestLockstepMinDays), -1)]
    public void ShouldRejectExtremeLockstepSettings(string name, int value) =>
        Assert.That(DetectionParameterRanges.Check(With(name, value)).Select(p => p.Name), Is.EqualTo(new[] { name }));

    [Test]
    public void ShouldRejectAnUnknownClusteringQualityAsAUserError()
    {
        var problems = DetectionParameterRanges.Check(new DetectionParameters { ClusteringQuality = "louvain" });

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0].Message, Is.EqualTo("ClusteringQuality must be cpm or modularity."));
    }

    [Test]
    public void ShouldRejectOverlongWeightLists()
    {
        var list = Enumerable.Range(0, 101).Select(i => new WeightedName($"c{i}", 1)).ToArray();

        Assert.That(DetectionParameterRanges.Check(new DetectionParameters { HarvestCapabilities = list }).Select(p => p.Name),
            Is.EqualTo(new[] { nameof(DetectionParameters.HarvestCapabilities) }));
    }

    [Test]
    public void ShouldStopDetectionWhenCancelledBeforeTheViews()
    {
        var snapshot = new SnapshotBuilder().Campaign("camp", accounts: 12, seed: 3).Build();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(() => ClusterDetector.Detect(snapshot, new DetectionParameters(), (g, _, _) => ConnectedComponents.Compute(g), cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void ShouldHandTheTokenToTheClusteringStep()
    {
        var snapshot = new SnapshotBuilder().Campaign("camp", accounts: 12, seed: 3).Build();
        using var cancellation = new CancellationTokenSource();
        CancellationToken seen = default;

        ClusterDetector.Detect(snapshot, new DetectionParameters(), (g, _, ct) =>
        {
            seen = ct;
            return ConnectedComponents.Compute(g);
        }, cancellation.Token);

        Assert.That(seen, Is.EqualTo(cancellation.Token));
    }

    [Test]
    public void ShouldStopTheLockstepPassWhenCancelled()
    {
        // 200 accounts with 50 requests each, all in the same minutes: plenty of candidate pairs.
        var offsets = Enumerable.Range(0, 201).Select(i => i * 50).ToArray();
        var ts = Enumerable.Range(0, 200 * 50).Select(i => (long)(i % 50) * 3_600_000).ToArray();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(() => Graph.Lockstep.LockstepDetector.Detect(offsets, ts, new Graph.Lockstep.LockstepOptions(), cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void ShouldStopLeidenWhenCancelled()
    {
        var builder = new Graph.Csr.CsrGraphBuilder(4);
        builder.AddEdge(0, 1, 1.0);
        builder.AddEdge(2, 3, 1.0);
        var graph = builder.Build();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(() => Leiden.Run(graph, new LeidenOptions(), cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    private static DetectionParameters With(string name, object value)
    {
        var parameters = new DetectionParameters();
        typeof(DetectionParameters).GetProperty(name)!.SetValue(parameters, value);
        return parameters;
    }
}
