using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

public sealed class EvidenceViewsTests
{
    private static readonly string[] AB = ["a", "b"];

    private static (LinkSet Links, DetectionSnapshot Snapshot) Links(SnapshotBuilder builder, DetectionParameters? p = null)
    {
        var snapshot = builder.Build();
        var (links, _) = EvidenceViews.Build(AccountIndex.Build(snapshot, p ?? new DetectionParameters()), p ?? new DetectionParameters());
        return (links, snapshot);
    }

    private static List<double> WeightsOf(LinkSet links, LinkRule rule)
    {
        var result = new List<double>();
        for (var i = 0; i < links.Count; i++)
        {
            if (links.Rule[i] == rule)
            {
                result.Add(links.Weight[i]);
            }
        }

        return result;
    }

    [Test]
    public void ShouldLinkTwoAccountsOnOneCardStronglyAndFortyAccountsOnOneCardWeakly()
    {
        var builder = new SnapshotBuilder().Payment("a", "card-pair").Payment("b", "card-pair");
        for (var i = 0; i < 40; i++)
        {
            builder.Payment($"m-{i}", "card-many");
        }

        var (links, snapshot) = Links(builder);
        var pairCard = Array.IndexOf(snapshot.Instruments, "card-pair");
        var manyCard = Array.IndexOf(snapshot.Instruments, "card-many");
        var strong = Enumerable.Range(0, links.Count).Where(i => links.Rule[i] == LinkRule.SharedPayment && links.Key[i] == pairCard).Select(i => links.Weight[i]).ToList();
        var weak = Enumerable.Range(0, links.Count).Where(i => links.Rule[i] == LinkRule.SharedPayment && links.Key[i] == manyCard).Select(i => links.Weight[i]).ToList();
        Assert.That(strong, Has.Count.EqualTo(1));
        Assert.That(strong[0], Is.GreaterThanOrEqualTo(new DetectionParameters().MinEdgeWeight * 1.5));
        Assert.That(weak, Has.Count.EqualTo(40 * 39 / 2));
        Assert.That(weak.Max(), Is.LessThan(strong[0] / 2));
    }

    [Test]
    public void ShouldDiscountACardSharedByOneOrganisationsOwnEnterpriseAccounts()
    {
        var builder = new SnapshotBuilder()
            .Account("e1", AccessPathway.Enterprise, org: "Acme").Account("e2", AccessPathway.Enterprise, org: "Acme")
            .Payment("e1", "card-acme").Payment("e2", "card-acme")
            .Payment("s1", "card-strangers").Payment("s2", "card-strangers");
        var (links, _) = Links(builder);
        var weights = WeightsOf(links, LinkRule.SharedPayment);
        Assert.That(weights, Has.Count.EqualTo(2));
        Assert.That(weights.Min(), Is.LessThan(weights.Max() / 3));
        Assert.That(Enumerable.Range(0, links.Count).Count(i => links.Aux[i] == 1), Is.EqualTo(1));
    }

    [Test]
    public void ShouldMakeNoLinkFromACampusNatIpSharedByThreeHundredAccounts()
    {
        var builder = new SnapshotBuilder().IndependentUsers("campus", 300, requestsEach: 5, sharedIp: "10.20.30.40", pathway: AccessPathway.Education);
        var (links, _) = Links(builder);
        Assert.That(WeightsOf(links, LinkRule.SharedIp), Is.Empty);
    }

    [Test]
    public void ShouldKeepOneSharedIpBelowTheEdgeThresholdButLetTwoRareIpsMakeAnEdge()
    {
        var one = new SnapshotBuilder().Session("a", "198.51.100.1").Session("b", "198.51.100.1").Build();
        var two = new SnapshotBuilder().Session("a", "198.51.100.1").Session("b", "198.51.100.1")
            .Session("a", "198.51.100.2").Session("b", "198.51.100.2").Build();
        Assert.That(Detect.Run(one).Clusters, Is.Empty);
        Assert.That(Detect.Run(two).Clusters.Single().Members, Is.EqualTo(AB));
    }

    [Test]
    public void ShouldLinkAccountsThatConcentrateOnOneTemplateButNotOccasionalUsersOfACommonOne()
    {
        var builder = new SnapshotBuilder();
        for (var r = 0; r < 10; r++)
        {
            builder.Request("x", SnapshotBuilder.T0.AddMinutes(r), prompt: "rare-template");
            builder.Request("y", SnapshotBuilder.T0.AddMinutes(r + 100), prompt: "rare-template");
        }

        for (var i = 0; i < 5; i++)
        {
            builder.Request($"casual-{i}", SnapshotBuilder.T0.AddHours(i), prompt: "sdk-default");
            for (var r = 0; r < 20; r++)
            {
                builder.Request($"casual-{i}", SnapshotBuilder.T0.AddHours(i).AddMinutes(r + 1), prompt: $"own-{i}-{r}");
            }
        }

        var (links, snapshot) = Links(builder);
        var prompts = Enumerable.Range(0, links.Count).Where(i => links.Rule[i] == LinkRule.SharedPrompt).ToList();
        Assert.That(prompts, Has.Count.EqualTo(1));
        Assert.That(snapshot.PromptFingerprints[links.Key[prompts[0]]], Is.EqualTo("rare-template"));
    }

    [Test]
    public void ShouldCatchRoundRobinLockstep()
    {
        var builder = new SnapshotBuilder().Campaign("camp", accounts: 20, bursts: 60, shareCards: false, templatePrefix: "t");
        var (links, _) = Links(builder, new DetectionParameters { PromptLinkWeight = 0 });
        var lockstep = Enumerable.Range(0, links.Count).Where(i => links.Rule[i] == LinkRule.Lockstep).ToList();
        var linked = lockstep.SelectMany(i => new[] { links.A[i], links.B[i] }).Distinct().Count();
        Assert.That(linked, Is.EqualTo(20), "every campaign account is in lockstep with another");
        Assert.That(lockstep.Count, Is.GreaterThan(40));
    }

    [Test]
    public void ShouldFindNoLockstepAmongIndependentUsersOrCronJobs()
    {
        var builder = new SnapshotBuilder().IndependentUsers("user", 200, requestsEach: 60).CronJobs("cron", 20);
        var (links, _) = Links(builder);
        Assert.That(WeightsOf(links, LinkRule.Lockstep), Is.Empty);
    }
}
