using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>A company's CI accounts that run the same public benchmarks as a campaign, and that the clustering put in the
/// campaign's flagged cluster, leave it when they pay with their company's card, which colleagues outside the cluster (not
/// flagged, same declared organisation) pay with too (<see cref="DetectionParameters.FlaggedMembersPayingWithTheirOrganisationLeave"/>).</summary>
public sealed class OrganisationMoneyTests
{
    private const string Company = "Acme Analytics";

    // Label 0: the campaign (ring-0..3, no organisation) and the company's two CI accounts; label 1: five colleagues (or the
    // last two, the first three then in label 0). Each CI account shares the company card with a colleague who is always outside.
    private static (AccountIndex Index, LinkSet Links, int[] Membership) World(bool ciPaysWithTheRing = false, bool colleaguesInCampaign = false)
    {
        var builder = new SnapshotBuilder();
        string[] ring = ["ring-0", "ring-1", "ring-2", "ring-3"];
        string[] ci = ["ci-0", "ci-1"];
        string[] colleagues = ["acme-0", "acme-1", "acme-2", "acme-3", "acme-4"];
        foreach (var account in ring)
        {
            builder.Account(account, emailDomain: "mail.example");
        }

        foreach (var account in ci.Concat(colleagues))
        {
            builder.Account(account, AccessPathway.Enterprise, emailDomain: "acme.example", org: Company);
        }

        foreach (var account in ring.Concat(ci).Concat(colleagues))
        {
            for (var r = 0; r < 20; r++)
            {
                var prompt = account.StartsWith("acme", StringComparison.Ordinal) ? $"{account}-own-{r % 4}" : $"public-bench-{r % 3}";
                builder.Request(account, SnapshotBuilder.T0.AddMinutes(r), capability: "reasoning_cot", prompt: prompt);
            }
        }

        var snapshot = builder.Build();
        var index = AccountIndex.Build(snapshot, new DetectionParameters());
        int Id(string account) => Array.IndexOf(snapshot.AccountIds, account);
        var links = new LinkSet();
        var evidence = 0;
        links.Add(Id("ring-0"), Id("ring-1"), LinkRule.SharedPayment, 1, evidence++);
        links.Add(Id("ring-2"), Id("ring-3"), LinkRule.SharedPayment, 1, evidence++);
        links.Add(Id("ring-1"), Id("ring-2"), LinkRule.Lockstep, 1, evidence++, 1);
        links.Add(Id("ci-0"), Id("ring-0"), LinkRule.CoUse, 0.8, evidence++, (int)CoUseKind.Template);
        links.Add(Id("ci-1"), Id("ring-3"), LinkRule.CoUse, 0.8, evidence++, (int)CoUseKind.Template);
        links.Add(Id("ci-0"), Id("ci-1"), LinkRule.SharedPayment, 0.3, evidence++);
        links.Add(Id("ci-0"), Id("acme-4"), LinkRule.SharedPayment, 0.3, evidence++);
        links.Add(Id("ci-1"), Id("acme-3"), LinkRule.SharedPayment, 0.3, evidence++);
        if (ciPaysWithTheRing)
        {
            links.Add(Id("ci-0"), Id("ring-2"), LinkRule.SharedPayment, 1, evidence++);
        }

        links.BuildIndex(snapshot.AccountCount);
        var membership = new int[snapshot.AccountCount];
        foreach (var account in colleagues.Skip(colleaguesInCampaign ? 3 : 0))
        {
            membership[Id(account)] = 1;
        }

        return (index, links, membership);
    }

    private static string[] Remaining(bool rule = true, bool ciPaysWithTheRing = false, bool colleaguesInCampaign = false)
    {
        var (index, links, membership) = World(ciPaysWithTheRing, colleaguesInCampaign);
        var groups = ClusterDetector.Groups(membership);
        var (result, _) = ClusterDetector.DetachAddressOnlyMembers(groups, membership, links, index, 0.25, (label, _) => label == 0, rule);
        return [.. Enumerable.Range(0, result.Length).Where(a => result[a] == 0 && !index.Snapshot.AccountIds[a].StartsWith("acme", StringComparison.Ordinal))
            .Select(a => index.Snapshot.AccountIds[a]).Order(StringComparer.Ordinal)];
    }

    [Test]
    public void ShouldLetCiAccountsPayingWithTheirCompanysCardLeaveTheCampaignWhosePublicBenchmarksTheyRun()
    {
        Assert.That(Remaining(), Is.EqualTo(new[] { "ring-0", "ring-1", "ring-2", "ring-3" }),
            "the two CI accounts share their card with each other and with colleagues outside: the company's money");
        Assert.That(Remaining(rule: false), Does.Contain("ci-0").And.Contain("ci-1"), "without the rule they stay on the shared benchmarks");
    }

    [Test]
    public void ShouldKeepACiAccountThatAlsoSharesMoneyWithTheCampaign() =>
        Assert.That(Remaining(ciPaysWithTheRing: true), Is.EqualTo(new[] { "ci-0", "ring-0", "ring-1", "ring-2", "ring-3" }),
            "ci-0 also pays with a ring member's card and stays; ci-1's money inside is its colleague's only, so it leaves");

    [Test]
    public void ShouldKeepMembersOfAnOrganisationMostOfWhoseAccountsAreFlagged() =>
        Assert.That(Remaining(colleaguesInCampaign: true), Does.Contain("ci-0").And.Contain("ci-1"),
            "five of seven declarers in the flagged cluster: a pretend organisation speaks for nobody");
}
