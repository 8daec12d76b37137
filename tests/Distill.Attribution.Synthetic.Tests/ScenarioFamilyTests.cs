using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace Distill.Attribution.Synthetic.Tests;

public sealed class ScenarioFamilyTests
{
    private static readonly ScenarioKind[] Campaigns =
        [ScenarioKind.SyncOperator, ScenarioKind.PivotOperator, ScenarioKind.HydraReseller, ScenarioKind.UnknownOperator];

    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Path.Combine(Path.GetTempPath(), "distill-family-tests-" + Guid.NewGuid().ToString("N"));

    [TearDown]
    public void DeleteRoot()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static SyntheticWorld Plan(string variant, double scale = 0.02, ulong seed = 3)
    {
        Assert.That(VariantSelection.TryParse(variant, out var selection, out var error), Is.True, error);
        return new SyntheticWorldPlanner(new SyntheticOptions { Scale = scale, Seed = seed, Variants = selection }).Plan();
    }

    private static IEnumerable<PlannedAccount> Of(SyntheticWorld world, ScenarioKind kind) => world.Accounts.Where(a => a.Scenario == kind);

    [Test]
    public async Task ShouldKeepTheReferenceWorldByteForByteWhenNoVariantIsGiven()
    {
        // SHA-256 of `generate --scale 0.01 --seed 7` made by the build before the generator moved into its own project.
        var expected = new Dictionary<string, string>
        {
            ["input/accounts.csv"] = "e4f2c470c708af681065ec1627fce64b6f343b3dd4aea3be9281ae6328fafa4f",
            ["input/indicators.csv"] = "9a9f578a95399694daf9eb3241382047c859aafb02f131f25d2efaffd54acd9e",
            ["input/payments.csv"] = "7cab409426aa3f851cf39d31dbcd423ec5e10cfa30e3515a5c6f31e93b914eb4",
            ["input/releases.csv"] = "796842c8ff917c86fd5d77035a9d96807439ea3f742f328f3cbd63e63fd55778",
            ["input/requests.csv"] = "7d3d89fd48ff5f57b998c72d5871bb3e9e84ec580dd2c540be0c9447c64be67d",
            ["input/sessions.csv"] = "1c58389d93418f2bfa59c3c1fc666e0ebdef3a7d14f0f025f785a29c8d1b8255",
            ["truth.csv"] = "a2781e4365755bfc9473d0697b074d46fedbd3f909a2deeae68d1b0edba1d822",
        };
        await SyntheticDataGenerator.GenerateAsync(_root, new SyntheticOptions { Scale = 0.01, Seed = 7 }, null, CancellationToken.None);
        foreach (var (file, hash) in expected)
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(_root, file))));
            Assert.That(actual, Is.EqualTo(hash), file);
        }
    }

    [Test]
    public async Task ShouldWriteTheSameBytesOnOneAndTwoThreadsForARandomVariant()
    {
        Assert.That(VariantSelection.TryParse("random", out var selection, out _), Is.True);
        var one = Path.Combine(_root, "one");
        var two = Path.Combine(_root, "two");
        await SyntheticDataGenerator.GenerateAsync(one, new SyntheticOptions { Scale = 0.01, Seed = 9, Threads = 1, Variants = selection }, null, CancellationToken.None);
        await SyntheticDataGenerator.GenerateAsync(two, new SyntheticOptions { Scale = 0.01, Seed = 9, Threads = 2, Variants = selection }, null, CancellationToken.None);
        foreach (var file in Directory.EnumerateFiles(one, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(one, file);
            var expected = await File.ReadAllBytesAsync(file);
            var actual = await File.ReadAllBytesAsync(Path.Combine(two, relative));
            Assert.That(actual.AsSpan().SequenceEqual(expected), Is.True, relative);
        }
    }

    [TestCase("crew_bursts")]
    [TestCase("load_balancer")]
    [TestCase("work_queue")]
    [TestCase("round_robin")]
    [TestCase("poisson")]
    [TestCase("slow_drip")]
    [TestCase("random")]
    public async Task ShouldWriteAValidDataSetWithItsScenarioForEveryVariant(string variant)
    {
        Assert.That(VariantSelection.TryParse(variant, out var selection, out _), Is.True);
        await SyntheticDataGenerator.GenerateAsync(_root, new SyntheticOptions { Scale = 0.01, Seed = 4, Variants = selection }, null, CancellationToken.None);
        var (_, accounts) = SimpleCsv.Read(Path.Combine(_root, "input", "accounts.csv"));
        var (truthHeader, truth) = SimpleCsv.Read(Path.Combine(_root, "truth.csv"));
        Assert.That(string.Join(',', truthHeader), Is.EqualTo("account_id,label,operator_id,kind"));
        Assert.That(truth.Select(r => r[0]).Order(), Is.EqualTo(accounts.Select(r => r[0]).Order()), "truth covers every account once");

        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var (_, requests) = SimpleCsv.Read(Path.Combine(_root, "input", "requests.csv"));
        var known = accounts.Select(r => r[0]).ToHashSet();
        var outside = requests.Where(r => DateTimeOffset.Parse(r[2], CultureInfo.InvariantCulture) is var ts && (ts < start || ts >= start.AddDays(60)))
            .Select(r => r[2]).Take(5).ToList();
        Assert.That(outside, Is.Empty, "timestamps outside the period");
        Assert.That(requests.Where(r => !known.Contains(r[1])).Select(r => r[1]).Take(5), Is.Empty, "requests of unknown accounts");

        Assert.That(requests.Select(r => r[0]).Distinct().Count(), Is.EqualTo(requests.Count), "request ids unique");
        using var scenario = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_root, "scenario.json")));
        var populations = scenario.RootElement.GetProperty("populations").EnumerateArray().ToList();
        foreach (var kind in Campaigns)
        {
            var entry = populations.Single(p => p.GetProperty("kind").GetString() == ScenarioNames.Name(kind));
            Assert.That(entry.GetProperty("variant").GetString(), Is.EqualTo(variant));
            Assert.That(entry.GetProperty("accounts").GetInt32(), Is.EqualTo(truth.Count(r => r[3] == ScenarioNames.Name(kind))));
        }
    }

    [Test]
    public void ShouldGiveEveryCampaignAccountItsOwnInstrumentUnlessAnIndicatorNamesItsCard()
    {
        var world = Plan("work_queue"); // unique payments
        var indicated = world.Indicators.Where(i => i.Kind == "payment_fingerprint").Select(i => i.Value).ToHashSet();
        var shared = world.Payments.Where(p => ScenarioNames.IsFraud(p.Account.Scenario) && !indicated.Contains(p.Payment.Fingerprint))
            .GroupBy(p => p.Payment.Fingerprint).Where(g => g.Select(p => p.Account).Distinct().Count() > 1).ToList();
        Assert.That(shared, Is.Empty);
        Assert.That(world.Accounts.Where(a => ScenarioNames.IsFraud(a.Scenario)).All(a => world.Payments.Any(p => p.Account == a)), Is.True, "every campaign account pays");
    }

    [Test]
    public void ShouldRotateExitsPerRequestOrStickilyAsTheVariantSays()
    {
        var perRequest = Plan("load_balancer");
        foreach (var a in Of(perRequest, ScenarioKind.HydraReseller))
        {
            Assert.That(a.Behaviour.WorkIps, Has.Length.InRange(20, 60));
            Assert.That(a.Behaviour.IpRotationMs, Is.Zero);
        }

        var sticky = Plan("round_robin");
        foreach (var a in Of(sticky, ScenarioKind.HydraReseller))
        {
            Assert.That(a.Behaviour.WorkIps, Has.Length.InRange(2, 6));
            Assert.That(a.Behaviour.IpRotationMs, Is.InRange(6 * 3_600_000L, 48 * 3_600_000L));
        }
    }

    [Test]
    public void ShouldPutInnocentsOnTheCampaignsExitsWhenTheVariantSharesThem()
    {
        var world = Plan("poisson"); // pool of 10,000 exits shared with innocents
        var hydraExits = Of(world, ScenarioKind.HydraReseller).SelectMany(a => a.Behaviour.WorkIps).ToHashSet();
        var innocentsOnThem = world.Accounts.Where(a => !ScenarioNames.IsFraud(a.Scenario) && a.Behaviour.OrdinaryIps.Any(hydraExits.Contains)).ToList();
        Assert.That(innocentsOnThem, Is.Not.Empty);
        Assert.That(innocentsOnThem.Select(a => a.Scenario).Distinct(), Is.EquivalentTo(new[] { ScenarioKind.LegitProxyExitHome }));

        var reference = Plan("crew_bursts"); // not shared
        var exits = Of(reference, ScenarioKind.HydraReseller).SelectMany(a => a.Behaviour.WorkIps).ToHashSet();
        Assert.That(reference.Accounts.Where(a => !ScenarioNames.IsFraud(a.Scenario)).Any(a => a.Behaviour.OrdinaryIps.Any(exits.Contains)), Is.False);
    }

    [Test]
    public void ShouldSpreadTemplatesThinOrKeepAFewSharedOnes()
    {
        var thin = Plan("load_balancer");
        var thinTemplates = Of(thin, ScenarioKind.HydraReseller).SelectMany(a => a.Behaviour.WorkTemplates).Distinct().Count();
        Assert.That(thinTemplates, Is.GreaterThanOrEqualTo(150));

        var few = Plan("work_queue");
        foreach (var kind in Campaigns)
        {
            var templates = Of(few, kind).SelectMany(a => a.Behaviour.WorkTemplates).Distinct().Count();
            Assert.That(templates, Is.InRange(3, 12), ScenarioNames.Name(kind));
        }
    }

    [Test]
    public void ShouldPutTransparentTeamsOnEveryAccessPathway()
    {
        var world = Plan("random", scale: 0.1);
        var teams = Of(world, ScenarioKind.LegitOfficeTeam).GroupBy(a => a.OrgName).ToList();
        Assert.That(teams.Select(t => t.First().Pathway).Distinct(),
            Is.EquivalentTo(new[] { "enterprise", "startup_program", "education", "security_research", "self_serve" }));
        foreach (var team in teams)
        {
            Assert.That(team.Select(a => a.Pathway).Distinct().Count(), Is.EqualTo(1), "one pathway per team");
            Assert.That(team.Select(a => a.EmailDomain).Distinct().Count(), Is.EqualTo(1), "one company domain");
            var cards = world.Payments.Where(p => team.Contains(p.Account)).Select(p => p.Payment.Fingerprint).Distinct();
            Assert.That(cards.Count(), Is.EqualTo(1), "one card");
        }
    }

    [Test]
    public void ShouldDrawDifferentStructuresForDifferentSeedsUnderRandom()
    {
        var drawn = Enumerable.Range(1, 6).Select(seed => Plan("random", seed: (ulong)seed).Variants
            .Where(v => v.Campaign is not null).Select(v => v.Campaign! with { Name = "" }).ToList()).ToList();
        Assert.That(drawn.SelectMany(v => v).Select(v => v.Scheduler).Distinct().Count(), Is.GreaterThanOrEqualTo(4));
        Assert.That(drawn.Select(v => string.Join(';', v)).Distinct().Count(), Is.EqualTo(6));
    }

    [Test]
    public async Task ShouldNeverLetTwoMembersOfARoundRobinCrewFireTogether()
    {
        var roundRobin = CampaignVariant.Presets["round_robin"] with { Camouflage = 0 };
        var options = new SyntheticOptions
        {
            Scale = 0.01,
            Seed = 5,
            Variants = VariantSelection.Custom(new Dictionary<ScenarioKind, CampaignVariant> { [ScenarioKind.SyncOperator] = roundRobin }),
        };
        await SyntheticDataGenerator.GenerateAsync(_root, options, null, CancellationToken.None);
        var (_, truth) = SimpleCsv.Read(Path.Combine(_root, "truth.csv"));
        var sync = truth.Where(r => r[3] == "sync_operator").Select(r => r[0]).ToHashSet();
        var (_, requests) = SimpleCsv.Read(Path.Combine(_root, "input", "requests.csv"));
        var times = requests.Where(r => sync.Contains(r[1]))
            .Select(r => (Account: r[1], Ms: DateTimeOffset.Parse(r[2], CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()))
            .OrderBy(t => t.Ms).ToList();
        var together = 0;
        for (var i = 1; i < times.Count; i++)
        {
            if (times[i].Account != times[i - 1].Account && times[i].Ms - times[i - 1].Ms < 300)
            {
                together++;
            }
        }

        // Members sit at least one tick (≥ 1 s) apart on the crew's stream, jitter ±300 ms; only the rare
        // request pushed out of the active window (and so drawn at random) can land near another.
        Assert.That(times, Has.Count.GreaterThan(1000));
        Assert.That(together, Is.LessThan(times.Count / 100));
    }

    [Test]
    public async Task ShouldWriteGzipFilesThatHoldTheSameRowsAsThePlainOnes()
    {
        var plain = Path.Combine(_root, "plain");
        var gzip = Path.Combine(_root, "gzip");
        await SyntheticDataGenerator.GenerateAsync(plain, new SyntheticOptions { Scale = 0.01, Seed = 2 }, null, CancellationToken.None);
        await SyntheticDataGenerator.GenerateAsync(gzip, new SyntheticOptions { Scale = 0.01, Seed = 2, Gzip = true }, null, CancellationToken.None);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(plain, "input")))
        {
            var name = Path.GetFileName(file);
            Assert.That(File.Exists(Path.Combine(gzip, "input", name)), Is.False, name + " written plain");
            await using var compressed = new GZipStream(File.OpenRead(Path.Combine(gzip, "input", name + ".gz")), CompressionMode.Decompress);
            using var copy = new MemoryStream();
            await compressed.CopyToAsync(copy);
            var expected = await File.ReadAllBytesAsync(file);
            Assert.That(copy.ToArray().AsSpan().SequenceEqual(expected), Is.True, name);
        }
    }

    [Test]
    public void ShouldMakeThePopulationAsLargeAsAsked()
    {
        var world = new SyntheticWorldPlanner(new SyntheticOptions { Scale = 0.01, Seed = 1, Population = 5000 }).Plan();
        Assert.That(Of(world, ScenarioKind.LegitBackground).Count(), Is.EqualTo(5000));
    }

    [Test]
    public void ShouldRefuseAnUnknownVariantOrKind()
    {
        Assert.That(VariantSelection.TryParse("lockstep", out _, out var error), Is.False);
        Assert.That(error, Does.Contain("round_robin"));
        Assert.That(VariantSelection.TryParse("legit_family=poisson", out _, out error), Is.False);
        Assert.That(error, Does.Contain("hydra_reseller"));
        Assert.That(VariantSelection.TryParse("hydra_reseller=poisson,sync_operator=random", out var selection, out _), Is.True);
        Assert.That(selection.For(ScenarioKind.HydraReseller), Is.EqualTo("poisson"));
        Assert.That(selection.For(ScenarioKind.PivotOperator), Is.Null);
    }
}
