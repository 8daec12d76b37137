using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Domain.Tests.Detection;

/// <summary>
/// A held pool of templates read by members (<see cref="DetectionParameters.TemplatePoolByMembers"/>): a farm whose accounts
/// send a few work prompts among much resold traffic holds its prompt pool as a group (more held templates than chance gives),
/// though no member runs several of them and the pool carries a tenth of the requests; the same farm running a public
/// library that ordinary users run too holds nothing and is read as before.
/// </summary>
public sealed class TemplatePoolTests
{
    // 200 accounts on 6 of 300 busy exits each, at independent times, an own card each; 50 ticks at a 10 % subset give each
    // account about 5 work requests over 15 days, drawn from 12 of a pool of 150 prompts (each prompt reaches some 16
    // accounts, 8 % of the farm); 90 % of the traffic is resold chat.
    private static SnapshotBuilder Farm(string? templatePrefix = null) => new SnapshotBuilder()
        .ExitPoolReseller("rs", accounts: 200, exitPool: 300, exitsEach: 6, ticks: 50, subsetShare: 0.1, resoldShare: 0.9, randomTimes: true,
            templatePool: 150, templatesEach: 12, templatePrefix: templatePrefix)
        .SpreadExitHomes("home", accounts: 150, exitPool: 300)
        .HomeBackground("bg");

    private static bool Of(string account, string prefix) => account.StartsWith(prefix + "-", StringComparison.Ordinal);

    private static string Describe(DetectionOutcome outcome) => string.Join("\n",
        outcome.Clusters.Where(c => c.Members.Count >= 10 || c.Members.Any(a => Of(a, "rs"))).Select(c =>
            $"{string.Join(" ", c.Members.GroupBy(a => a[..a.IndexOf('-', StringComparison.Ordinal)]).Select(g => $"{g.Key} {g.Count()}"))}: {c.Flagged} {c.RiskScore:0.000} {c.Features}"));

    [Test]
    public void ShouldFlagAFarmWhoseFewWorkPromptsDrawOnAPoolNobodyElseRuns()
    {
        var outcome = Detect.Run(Farm().Build());
        var farm = outcome.Clusters.MaxBy(c => c.Members.Count(a => Of(a, "rs")))!;
        Assert.That(farm.Features.TemplateConcentration, Is.LessThan(0.25), () => "the pool carries few of the requests\n" + Describe(outcome));
        Assert.That(farm.Features.TemplatePool, Is.GreaterThanOrEqualTo(0.5), () => "most members run one of its prompts\n" + Describe(outcome));
        var flagged = outcome.Clusters.Where(c => c.Flagged).SelectMany(c => c.Members).ToList();
        Assert.That(flagged.Count(a => Of(a, "rs")), Is.GreaterThanOrEqualTo(150), () => Describe(outcome));
        Assert.That(flagged.Where(a => !Of(a, "rs")), Is.Empty);

        var byRequests = Detect.Run(Farm().Build(), new DetectionParameters { TemplatePoolByMembers = false });
        Assert.That(byRequests.Clusters.Where(c => c.Flagged).Sum(c => c.Members.Count(a => Of(a, "rs"))), Is.LessThan(50),
            () => "read by requests, the pool is a tenth of the traffic\n" + Describe(byRequests));
        Assert.That(byRequests.Clusters.Select(c => c.Features.TemplatePool), Has.All.Zero);
    }

    [Test]
    public void ShouldNotHoldAPublicLibraryThatTheFarmsAccountsShareWithOrdinaryUsers()
    {
        // The same farm draws its few prompts from a public library of 150 that 2,000 ordinary users run as well: each
        // prompt's users are mostly outside the group, so nothing is held, no pool is read, and every cluster reads as
        // with the pool reading off.
        var snapshot = Farm(templatePrefix: "public-lib-").PublicLibraryUsers("public-lib-", librarySize: 150, requestsEach: 10, seed: 73).Build();
        var outcome = Detect.Run(snapshot);
        Assert.That(outcome.Clusters.Select(c => c.Features.TemplatePool), Has.All.Zero, () => Describe(outcome));
        Assert.That(outcome.Clusters.Where(c => c.Flagged), Is.Empty, () => Describe(outcome));
        static string[] Verdicts(DetectionOutcome o) => [.. o.Clusters.Select(c => $"{string.Join(",", c.Members)} {c.Flagged} {c.RiskScore} {c.Features with { TemplatePool = 0 }}")];
        Assert.That(Verdicts(outcome), Is.EqualTo(Verdicts(Detect.Run(snapshot, new DetectionParameters { TemplatePoolByMembers = false }))),
            "the pool reading changes no cluster");
    }

    // 600 accounts with about 3 work requests each on the same 300 exits: the address grouping cuts the farm into pieces,
    // and no piece alone holds most users of any of its prompts, so none reads a pool.
    private static SnapshotBuilder LargeFarm() => new SnapshotBuilder()
        .ExitPoolReseller("rs", accounts: 600, exitPool: 300, exitsEach: 6, ticks: 30, subsetShare: 0.1, resoldShare: 0.9, randomTimes: true,
            templatePool: 150, templatesEach: 12)
        .SpreadExitHomes("home", accounts: 150, exitPool: 300)
        .HomeBackground("bg");

    [Test]
    public void ShouldJoinTheFarmsPiecesThatFillOneExitPoolAndRunOnePromptPool()
    {
        var outcome = Detect.Run(LargeFarm().Build());
        var flagged = outcome.Clusters.Where(c => c.Flagged).SelectMany(c => c.Members).ToList();
        Assert.That(flagged.Count(a => Of(a, "rs")), Is.GreaterThanOrEqualTo(320), () => Describe(outcome));
        Assert.That(flagged.Where(a => !Of(a, "rs")), Is.Empty);
        var farm = outcome.Clusters.MaxBy(c => c.Members.Count(a => Of(a, "rs")))!;
        Assert.That(farm.Features.TemplatePool, Is.GreaterThanOrEqualTo(0.25), () => Describe(outcome));

        var pieces = Detect.Run(LargeFarm().Build(), new DetectionParameters { ConsolidateAddressPools = false });
        Assert.That(pieces.Clusters.Count(c => c.Members.Count(a => Of(a, "rs")) >= 50), Is.GreaterThanOrEqualTo(2), () => "pieces\n" + Describe(pieces));
        Assert.That(pieces.Clusters.Where(c => c.Flagged).Sum(c => c.Members.Count(a => Of(a, "rs"))), Is.LessThan(100),
            () => "each piece alone is not read\n" + Describe(pieces));
    }

    [Test]
    public void ShouldNotJoinACrowdThatSharesTheFarmsExitsButNotItsPrompts()
    {
        // 200 customers of the same residential proxy network rotate over 6 of its 300 exits each and run their own prompts
        // and a public library's (mostly chat): they fill the farm's exits, so the address grouping puts some of them in the
        // farm's pieces, and share a library among themselves, but never run the farm's prompts.
        var builder = LargeFarm();
        var random = new Random(74);
        for (var i = 0; i < 200; i++)
        {
            var account = $"px-{i}";
            builder.Account(account, AccessPathway.SelfServe, SnapshotBuilder.T0.AddDays(-random.Next(30, 600)), emailDomain: $"px-mail{i}.example");
            builder.Payment(account, $"card-px-{i}");
            var exits = Enumerable.Range(0, 300).OrderBy(_ => random.Next()).Take(6).ToArray();
            foreach (var exit in exits)
            {
                builder.Session(account, DetectionScenarios.SpreadExitIp(exit), count: 3, type: IpType.Residential, asn: 7922 + (exit % 5));
            }

            for (var r = 0; r < 30; r++)
            {
                builder.Request(account, SnapshotBuilder.T0.AddSeconds(random.Next(86_400, 16 * 86_400)), capability: random.Next(5) == 0 ? "reasoning_cot" : "chat",
                    prompt: random.Next(3) == 0 ? $"px-lib-{random.Next(40)}" : $"px-own-{i}-{random.Next(6)}",
                    ip: DetectionScenarios.SpreadExitIp(exits[random.Next(6)]), client: "python-httpx/0.27");
            }
        }

        var outcome = Detect.Run(builder.Build());
        var flagged = outcome.Clusters.Where(c => c.Flagged).SelectMany(c => c.Members).ToList();
        Assert.That(flagged.Where(a => !Of(a, "rs")), Is.Empty, () => string.Join("\n", outcome.Clusters.Where(c => c.Flagged && c.Members.Any(a => Of(a, "px"))).Select(c => $"{string.Join(",", c.Members.Take(5))} {c.Members.Count} {c.RiskScore} {c.Features}")));
    }
}
