using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

#pragma warning disable CA1861 // Expected values read best inline in a test.

namespace Distill.Attribution.Domain.Tests.Detection;

public sealed class AttributionTests
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
    public void ShouldLeaveAFlaggedClusterThatNoIndicatorReachesWithoutOperator()
    {
        var cluster = CampaignWith(b => b.Indicator("op-x", IndicatorKind.Ip, "192.0.2.200", 0.9));
        Assert.That(cluster.Operator, Is.Null);
    }

    [Test]
    public void ShouldNeverAttributeOnAWeakIndicatorAlone()
    {
        var cluster = CampaignWith(b => b.Indicator("op-a", IndicatorKind.Client, "python-httpx/0.27", 0.45));
        Assert.That(cluster.Operator, Is.Null);
    }

    [Test]
    public void ShouldNotTreatTwoWeakIndicatorsOfOneKindAsIndependent()
    {
        var cluster = CampaignWith(b => b
            .Indicator("op-a", IndicatorKind.Ip, "198.51.41.1", 0.45)
            .Indicator("op-a", IndicatorKind.Ip, "198.51.41.2", 0.45));
        Assert.That(cluster.Operator, Is.Null);
    }

    [Test]
    public void ShouldReadIndicatorsOfOneKindTogetherForTheMembersTheyReach()
    {
        // Four accounts a trust-and-safety team named (0.7 each): one alone reaches one member of twenty (coverage factor
        // 0.625, score 0.44); the four together reach a fifth of the members, the full coverage: 0.7.
        var one = CampaignWith(b => b.Indicator("op-t", IndicatorKind.AccountId, "camp-0", 0.7));
        Assert.That(one.Operator, Is.Null);

        var four = CampaignWith(b =>
        {
            for (var i = 0; i < 4; i++)
            {
                b.Indicator("op-t", IndicatorKind.AccountId, $"camp-{i}", 0.7);
            }
        });
        Assert.That(four.Operator?.OperatorId, Is.EqualTo("op-t"));
        Assert.That(four.Operator!.Confidence, Is.EqualTo(0.7).Within(1e-9));
        Assert.That(four.Operator.IndependentKinds, Is.EqualTo(1));
        Assert.That(four.Operator.Indicators, Has.Count.EqualTo(4));
    }

    [Test]
    public void ShouldAttributeOnTwoIndependentWeakKinds()
    {
        var cluster = CampaignWith(b => b
            .Indicator("op-a", IndicatorKind.Client, "python-httpx/0.27", 0.45, "Op A")
            .Indicator("op-a", IndicatorKind.Cidr, "198.51.41.0/24", 0.45));
        Assert.That(cluster.Operator, Is.Not.Null);
        Assert.That(cluster.Operator!.OperatorId, Is.EqualTo("op-a"));
        Assert.That(cluster.Operator.OperatorName, Is.EqualTo("Op A"));
        Assert.That(cluster.Operator.IndependentKinds, Is.EqualTo(2));
        Assert.That(cluster.Operator.Confidence, Is.GreaterThan(0.5).And.LessThan(0.75));
        Assert.That(cluster.Operator.Indicators.Select(i => i.Kind), Is.EquivalentTo(new[] { "client", "cidr" }));
    }

    [Test]
    public void ShouldNotAttributeWhenOneMemberAloneMatchesTwoWeakKinds()
    {
        // An innocent-looking member on a cloud ASN that also runs a popular harness: two weak kinds, one account.
        var cluster = CampaignWith(b =>
        {
            b.Session("camp-2", "203.0.113.77", asn: 64999);
            b.Request("camp-2", SnapshotBuilder.T0, prompt: "tpl-camp-0", client: "harness/9.9", ip: "203.0.113.77");
            b.Indicator("op-a", IndicatorKind.Asn, "AS64999", 0.49)
             .Indicator("op-a", IndicatorKind.Client, "harness/9.9", 0.49);
        });
        Assert.That(cluster.Operator, Is.Null);
    }

    [Test]
    public void ShouldAttributeOnOneStrongIndicatorAndLinkTheMatchingMemberInItsChain()
    {
        var cluster = CampaignWith(b => b.Indicator("op-b", IndicatorKind.PaymentFingerprint, "card-camp-3", 0.9));
        Assert.That(cluster.Operator!.OperatorId, Is.EqualTo("op-b"));
        var matched = cluster.Evidence!.Steps.Where(s => s.MatchedIndicators.Count > 0).Select(s => s.Member).ToList();
        Assert.That(matched, Is.EquivalentTo(new[] { "camp-6", "camp-7" }));
        Assert.That(cluster.Evidence.Steps.Single(s => s.Member == "camp-6").MatchedIndicators, Does.Contain("payment_fingerprint:card-camp-3"));
    }

    [Test]
    public void ShouldMatchEveryIndicatorKind()
    {
        var builder = new SnapshotBuilder().Campaign("camp", accounts: 20, seed: 43);
        builder.Account("camp-0", created: SnapshotBuilder.T0, emailDomain: "evil.example", org: "Evil Org", emailHash: new string('a', 64));
        builder.Session("camp-1", "2001:db8::5", asn: 65001);
        builder.Request("camp-2", SnapshotBuilder.T0, prompt: "tpl-camp-0", client: "harvester/1.0", ip: "2001:db8::5");
        builder
            .Indicator("op", IndicatorKind.EmailDomain, "EVIL.example", 0.6)
            .Indicator("op", IndicatorKind.EmailHash, new string('A', 64), 0.6)
            .Indicator("op", IndicatorKind.OrgName, "evil org", 0.6)
            .Indicator("op", IndicatorKind.AccountId, "camp-3", 0.6)
            .Indicator("op", IndicatorKind.PaymentFingerprint, "card-camp-4", 0.6)
            .Indicator("op", IndicatorKind.Ip, "2001:0db8:0000::5", 0.6)
            .Indicator("op", IndicatorKind.Cidr, "2001:db8::/32", 0.6)
            .Indicator("op", IndicatorKind.Asn, "AS65001", 0.6)
            .Indicator("op", IndicatorKind.Client, "harvester/1.0", 0.6)
            .Indicator("op", IndicatorKind.PromptFingerprint, "tpl-camp-1", 0.6);
        var cluster = Detect.Run(builder.Build()).ClusterOf("camp-0")!;
        Assert.That(cluster.Operator!.Indicators.Select(i => i.Kind).Distinct(), Is.EquivalentTo(Enum.GetValues<IndicatorKind>().Select(ContractNames.Name)));
        Assert.That(cluster.Operator.IndependentKinds, Is.EqualTo(10));
    }

    [Test]
    public void ShouldNeverAttributeAnUnflaggedCluster()
    {
        var builder = new SnapshotBuilder().Family("family").Indicator("op", IndicatorKind.PaymentFingerprint, "card-family", 1.0);
        var cluster = Detect.Run(builder.Build()).ClusterOf("family-0")!;
        Assert.That(cluster.Flagged, Is.False);
        Assert.That(cluster.Operator, Is.Null);
    }
}
