using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>
/// Attribution through shared infrastructure (D47), on hand-made verdicts: a reseller's block that indicators name, a crew of
/// the same reseller flagged apart from it on a card of its own, and beside them the look-alikes the rule must leave alone:
/// home users behind one of the block's exits each, a crew another operator's indicator reaches, exits two operators share.
/// </summary>
public sealed class AttributionThroughInfrastructureTests
{
    private const string Hydra = "op-hydra";

    /// <summary>Ten block accounts, each on 10 of the block's 30 exits (so every exit carries several of them); the crew's five
    /// accounts each send through 5 of the same exits and share a card of their own; five home users each on one exit and
    /// their own home address.</summary>
    private static SnapshotBuilder World(Action<SnapshotBuilder>? more = null)
    {
        var b = new SnapshotBuilder();
        var random = new Random(5);
        for (var i = 0; i < 10; i++)
        {
            var account = $"block-{i}";
            b.Account(account, emailDomain: "relay.example");
            foreach (var exit in Enumerable.Range(0, 30).OrderBy(_ => random.Next()).Take(10))
            {
                b.Session(account, Exit(exit), count: 2, type: IpType.Residential);
            }
        }

        for (var i = 0; i < 5; i++)
        {
            var account = $"crew-{i}";
            b.Account(account, emailDomain: $"webmail{i}.example");
            b.Payment(account, "card-crew");
            foreach (var exit in Enumerable.Range(0, 30).OrderBy(_ => random.Next()).Take(5))
            {
                b.Session(account, Exit(exit), count: 2, type: IpType.Residential);
            }
        }

        for (var i = 0; i < 5; i++)
        {
            var account = $"home-{i}";
            b.Account(account, emailDomain: $"isp{i}.example");
            b.Session(account, Exit(i * 6), count: 20, type: IpType.Residential);
            b.Session(account, $"198.51.100.{i + 1}", count: 20, type: IpType.Residential);
        }

        b.Indicator(Hydra, IndicatorKind.EmailDomain, "relay.example", 0.9, "Hydra Relay");
        more?.Invoke(b);
        return b;
    }

    private static string Exit(int i) => $"203.0.113.{i + 1}";

    /// <summary>Verdicts as the scorer would leave them: the block flagged and attributed by its indicator, and each other
    /// named group flagged with no operator.</summary>
    private static (DetectedCluster[] Clusters, List<int[]> Groups, AccountIndex Index, IndicatorMatcher Matcher) Verdicts(
        DetectionSnapshot s, DetectionParameters p, params string[] prefixes)
    {
        var index = AccountIndex.Build(s, p);
        var matcher = new IndicatorMatcher(index, p);
        var groups = new List<int[]>();
        var clusters = new List<DetectedCluster>();
        foreach (var prefix in new[] { "block-" }.Concat(prefixes))
        {
            var members = Enumerable.Range(0, s.AccountIds.Length).Where(a => s.AccountIds[a].StartsWith(prefix, StringComparison.Ordinal)).ToArray();
            groups.Add(members);
            clusters.Add(new DetectedCluster
            {
                Members = members.Select(a => s.AccountIds[a]).Order(StringComparer.Ordinal).ToArray(),
                RiskScore = 0.9,
                Flagged = true,
                Features = new ClusterFeatures(),
                Operator = prefix == "block-" ? matcher.Match(members, s).Attribution : null,
            });
        }

        return (clusters.ToArray(), groups, index, matcher);
    }

    private static DetectedCluster[] Apply(DetectionSnapshot s, DetectionParameters p, params string[] prefixes)
    {
        var (clusters, groups, index, matcher) = Verdicts(s, p, prefixes);
        Assert.That(clusters[0].Operator?.OperatorId, Is.EqualTo(Hydra), "the block is attributed by its indicator");
        AttributionThroughInfrastructure.Apply(clusters, groups, index, p, members => matcher.OperatorsReaching(members, s));
        return clusters;
    }

    [Test]
    public void ShouldNameTheOperatorOfACrewThatRidesTheAttributedBlocksExits()
    {
        var clusters = Apply(World().Build(), new DetectionParameters(), "crew-");
        var op = clusters[1].Operator;
        Assert.That(op, Is.Not.Null, "the crew rides five of the block's exits per member");
        Assert.That(op!.OperatorId, Is.EqualTo(Hydra));
        Assert.That(op.Indicators, Is.Empty, "no indicator reaches the crew");
        Assert.That(op.Coverage, Is.EqualTo(1.0));
        Assert.That(op.Confidence, Is.EqualTo(clusters[0].Operator!.Confidence));
        Assert.That(op.Through, Is.Not.Null);
        Assert.That(op.Through!.SourceMember, Is.EqualTo("block-0"));
        Assert.That(op.Through.RidingMembers, Is.EqualTo(5));
        Assert.That(op.Through.SharedElements, Is.InRange(5, 25));
        Assert.That(op.Through.ExampleElements, Has.Count.EqualTo(5).And.All.StartsWith("ip:203.0.113."));

        var off = Apply(World().Build(), new DetectionParameters { AttributionThroughMinShare = 0 }, "crew-");
        Assert.That(off[1].Operator, Is.Null, "the rule is what names the crew");
    }

    [Test]
    public void ShouldNotNameHomeUsersBehindOneExitEach()
    {
        // Even if they had been flagged (a false positive upstream), one shared exit per member names nobody's operator.
        var clusters = Apply(World().Build(), new DetectionParameters(), "home-");
        Assert.That(clusters[1].Operator, Is.Null);

        var one = Apply(World().Build(), new DetectionParameters { AttributionThroughMinElements = 1 }, "home-");
        Assert.That(one[1].Operator?.OperatorId, Is.EqualTo(Hydra), "with a bar of one element the same users would be named: the count is what protects them");
    }

    [Test]
    public void ShouldNotOverrideAnotherOperatorsIndicatorOnTheCrew()
    {
        var s = World(b => b.Indicator("op-lantern", IndicatorKind.EmailDomain, "webmail3.example", 0.3, "Lantern")).Build();
        var clusters = Apply(s, new DetectionParameters(), "crew-");
        Assert.That(clusters[1].Operator, Is.Null, "a weak indicator of another operator on one member stops the rule");
    }

    [Test]
    public void ShouldNotCountExitsThatClustersOfTwoOperatorsUse()
    {
        // A second operator's attributed block on the very same exits: the exits are a proxy provider's, not the reseller's.
        var s = World(b =>
        {
            for (var i = 0; i < 6; i++)
            {
                b.Account($"lantern-{i}", emailDomain: "lantern.example");
                foreach (var exit in Enumerable.Range(0, 30).Where(e => e % 6 == i))
                {
                    b.Session($"lantern-{i}", Exit(exit), count: 2, type: IpType.Residential);
                    b.Session($"lantern-{(i + 1) % 6}", Exit(exit), count: 2, type: IpType.Residential);
                }
            }

            b.Indicator("op-lantern", IndicatorKind.EmailDomain, "lantern.example", 0.9, "Lantern");
        }).Build();
        var p = new DetectionParameters();
        var (clusters, groups, index, matcher) = Verdicts(s, p, "lantern-", "crew-");
        clusters[1] = clusters[1] with { Operator = matcher.Match(groups[1], s).Attribution };
        Assert.That(clusters[1].Operator?.OperatorId, Is.EqualTo("op-lantern"));
        AttributionThroughInfrastructure.Apply(clusters, groups, index, p, members => matcher.OperatorsReaching(members, s));
        Assert.That(clusters[2].Operator, Is.Null);
    }

    [Test]
    public void ShouldNameTheSourceByItsIdOnceTheRunAssignsIds()
    {
        var clusters = Apply(World().Build(), new DetectionParameters(), "crew-");
        var (named, _) = ClusterLineageTracker.Assign(clusters, (DetectionRun?)null, new DetectionParameters());
        var block = named.Single(c => c.Members.Contains("block-0"));
        var crew = named.Single(c => c.Members.Contains("crew-0"));
        Assert.That(block.Id, Is.Not.Empty);
        Assert.That(crew.Operator!.Through!.SourceClusterId, Is.EqualTo(block.Id));
    }
}
