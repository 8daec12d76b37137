using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>
/// The reseller reading: a farm of unrelated-looking accounts paying through several shared cards and spread over a proxy
/// pool sells ordinary traffic, so it harvests no more than the population; the money across identities is what gives it
/// away. Beside it the innocent look-alike with the same infrastructure and the same card sharing: an accelerator's
/// startups, each paying openly with its own card.
/// </summary>
public sealed class ResellerReadingTests
{
    private const int Accounts = 40;

    /// <summary>Forty accounts on webmail that declare no organisation; account i pays with card i mod
    /// <paramref name="cards"/>; each connects through 12 of 60 residential exits; its traffic is the population's mix
    /// (a third reasoning) at random times on its own prompts: nothing in content or timing stands out.</summary>
    private static SnapshotBuilder Farm(int cards) => Crowd("farm", i => ($"card-farm-{i % cards}", null));

    /// <summary>The same forty people, infrastructure and traffic as eight startups of five: each declares its company
    /// and writes from its company's own domain, and each company's card is shared by its own people only.</summary>
    private static SnapshotBuilder Cohort() => Crowd("team", i => ($"card-team-{i / 5}", $"startup{i / 5}"));

    private static SnapshotBuilder Crowd(string prefix, Func<int, (string Card, string? Company)> money)
    {
        var b = new SnapshotBuilder().HomeBackground("bg");
        var random = new Random(17);
        for (var i = 0; i < Accounts; i++)
        {
            var account = $"{prefix}-{i}";
            var (card, company) = money(i);
            b.Account(account, company is null ? AccessPathway.SelfServe : AccessPathway.StartupProgram, SnapshotBuilder.T0.AddDays(-random.Next(2, 700)),
                emailDomain: company is null ? $"webmail{i % 4}.example" : $"{company}.example", org: company, displayName: $"person {prefix} {i}");
            b.Payment(account, card);
            var exits = Enumerable.Range(0, 60).OrderBy(_ => random.Next()).Take(12).ToArray();
            foreach (var exit in exits)
            {
                b.Session(account, DetectionScenarios.SpreadExitIp(exit), count: 3, type: IpType.Residential, asn: 7922 + (exit % 5));
            }

            for (var r = 0; r < 60; r++)
            {
                b.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(0, 16 * 86_400)), capability: random.Next(3) == 0 ? "reasoning_cot" : "chat",
                    prompt: $"{prefix}-own-{i}-{random.Next(8)}", ip: DetectionScenarios.SpreadExitIp(exits[random.Next(exits.Length)]), client: "python-httpx/0.27");
            }
        }

        return b;
    }

    private static DetectedCluster ClusterOf(DetectionOutcome outcome, string account) =>
        outcome.ClusterOf(account) ?? throw new AssertionException($"{account} is in no cluster");

    [Test]
    public void ShouldFlagAFarmOnSeveralSharedCardsThatHarvestsNoMoreThanThePopulation()
    {
        var outcome = Detect.Run(Farm(cards: 8).Build());
        var cluster = ClusterOf(outcome, "farm-0");
        var f = cluster.Features;
        Assert.That(cluster.Members.Count(m => m.StartsWith("farm-", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(36), () => $"{f}");
        Assert.That(f.ConcealedInstruments, Is.EqualTo(8));
        Assert.That(f.CapabilityConcentration, Is.LessThan(0.45), "a third of the farm's requests harvest, as everybody's do");
        Assert.That(cluster.Flagged, Is.True, () => $"risk {cluster.RiskScore}, {f}");
        Assert.That(outcome.Clusters.Where(c => c.Flagged).SelectMany(c => c.Members).Where(m => m.StartsWith("bg-", StringComparison.Ordinal)), Is.Empty);

        // Without the reseller reading the harvesting gate holds the same cluster back: the rule is what flags it.
        var off = Detect.Run(Farm(cards: 8).Build(), new DetectionParameters { ResellerMinConcealedInstruments = 0 });
        Assert.That(ClusterOf(off, "farm-0").Flagged, Is.False);
    }

    [Test]
    public void ShouldNotReadStartupsEachPayingOpenlyWithTheirOwnCardAsAFarm()
    {
        var outcome = Detect.Run(Cohort().Build());
        var cluster = ClusterOf(outcome, "team-0");
        // Every startup shares its card among its own people; most of them meet another startup's people on the pool's exits,
        // so they are not open alone (OpenOrganisations) and their company's card still counts as shared money.
        Assert.That(cluster.Features.PaymentSharing, Is.GreaterThan(0.5), () => $"{cluster.Features}");
        Assert.That(cluster.Features.ConcealedInstruments, Is.Zero, () => $"{cluster.Features}");
        Assert.That(outcome.Clusters.Where(c => c.Flagged), Is.Empty, () => string.Join("; ", outcome.Clusters.Where(c => c.Flagged).Select(c => $"{c.Features}")));
    }

    [Test]
    public void ShouldNotReadTwoSharedCardsAsAFarmAtTheDefaultCount()
    {
        var outcome = Detect.Run(Farm(cards: 2).Build());
        var cluster = ClusterOf(outcome, "farm-0");
        Assert.That(cluster.Features.ConcealedInstruments, Is.EqualTo(2));
        Assert.That(cluster.Flagged, Is.False, () => $"risk {cluster.RiskScore}, {cluster.Features}");

        var two = Detect.Run(Farm(cards: 2).Build(), new DetectionParameters { ResellerMinConcealedInstruments = 2 });
        Assert.That(ClusterOf(two, "farm-0").Flagged, Is.True);
    }
}
