using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>Issue 17, item 10: one over-broad indicator row must not take every flagged cluster.</summary>
public sealed class BroadIndicatorTests
{
    private static DetectedCluster CampaignWith(Action<SnapshotBuilder> indicators)
    {
        var builder = new SnapshotBuilder().Campaign("camp", accounts: 20, seed: 41).IndependentUsers("user", 30, seed: 42);
        indicators(builder);
        var cluster = Detect.Run(builder.Build()).ClusterOf("camp-0")!;
        Assert.That(cluster.Flagged, Is.True);
        return cluster;
    }

    [Test]
    public void ShouldNotAttributeOnACidrCoveringEveryAddress()
    {
        var cluster = CampaignWith(b => b.Indicator("op-hijack", IndicatorKind.Cidr, "0.0.0.0/0", 1.0));
        Assert.That(cluster.Operator, Is.Null);
    }

    [Test]
    public void ShouldNotLetTwoBroadIndicatorsCorroborateEachOther()
    {
        var cluster = CampaignWith(b => b
            .Indicator("op-hijack", IndicatorKind.Cidr, "0.0.0.0/1", 1.0)
            .Indicator("op-hijack", IndicatorKind.Cidr, "128.0.0.0/1", 1.0)
            .Indicator("op-hijack", IndicatorKind.Cidr, "::/0", 1.0));
        Assert.That(cluster.Operator, Is.Null);
    }

    [Test]
    public void ShouldStillAttributeOnAStrongSpecificIndicatorBesideABroadOne()
    {
        var cluster = CampaignWith(b => b
            .Indicator("op-hijack", IndicatorKind.Cidr, "0.0.0.0/0", 1.0)
            .Indicator("op-b", IndicatorKind.PaymentFingerprint, "card-camp-3", 0.9));
        Assert.That(cluster.Operator!.OperatorId, Is.EqualTo("op-b"));
    }
}
