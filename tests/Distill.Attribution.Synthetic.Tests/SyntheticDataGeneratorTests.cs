using System.Globalization;
using System.Net;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Synthetic.Tests;

public sealed class SyntheticDataGeneratorTests
{
    private static readonly string[] Files = ["accounts.csv", "payments.csv", "sessions.csv", "requests.csv", "releases.csv", "indicators.csv"];

    private static readonly HashSet<string> Capabilities =
        ["reasoning_cot", "rubric_grading", "censorship_rewrite", "agentic_coding", "tool_use", "computer_use", "vision", "chat", "other"];

    private string _root = "";
    private string _a = "";
    private string _b = "";
    private string _c = "";

    [OneTimeSetUp]
    public async Task GenerateOnce()
    {
        _root = Path.Combine(Path.GetTempPath(), "distill-gen-tests-" + Guid.NewGuid().ToString("N"));
        _a = Path.Combine(_root, "a");
        _b = Path.Combine(_root, "b");
        _c = Path.Combine(_root, "c");
        // Same seed on 2 threads and on 1 thread; and a second seed.
        await SyntheticDataGenerator.GenerateAsync(_a, new SyntheticOptions { Scale = 0.01, Seed = 7, Threads = 2 }, null, CancellationToken.None);
        await SyntheticDataGenerator.GenerateAsync(_b, new SyntheticOptions { Scale = 0.01, Seed = 7, Threads = 1 }, null, CancellationToken.None);
        await SyntheticDataGenerator.GenerateAsync(_c, new SyntheticOptions { Scale = 0.01, Seed = 8, Threads = 2 }, null, CancellationToken.None);
    }

    // Parsed once: the files are read by several tests.
    private readonly Dictionary<string, (string[] Header, List<string[]> Rows)> _parsed = [];

    private (string[] Header, List<string[]> Rows) Read(string path)
    {
        if (!_parsed.TryGetValue(path, out var parsed))
        {
            parsed = SimpleCsv.Read(path);
            _parsed[path] = parsed;
        }

        return parsed;
    }

    [OneTimeTearDown]
    public void DeleteOutput()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public void ShouldWriteByteIdenticalFilesForTheSameSeedWhateverTheThreadCount()
    {
        foreach (var file in Files.Select(f => Path.Combine("input", f)).Append("truth.csv"))
        {
            Assert.That(File.ReadAllBytes(Path.Combine(_b, file)), Is.EqualTo(File.ReadAllBytes(Path.Combine(_a, file))), file);
        }
    }

    [Test]
    public void ShouldWriteDifferentDataForAnotherSeed()
    {
        foreach (var file in new[] { "accounts.csv", "payments.csv", "requests.csv", "sessions.csv" })
        {
            Assert.That(File.ReadAllBytes(Path.Combine(_c, "input", file)), Is.Not.EqualTo(File.ReadAllBytes(Path.Combine(_a, "input", file))), file);
        }
    }

    [Test]
    public void ShouldWriteEveryRecordTypeAndEveryScenarioAtTheSmallestScale()
    {
        foreach (var file in Files)
        {
            var (_, rows) = Read(Path.Combine(_a, "input", file));
            Assert.That(rows, Is.Not.Empty, file);
        }

        var (_, truth) = Read(Path.Combine(_a, "truth.csv"));
        var kinds = truth.Select(r => r[3]).ToHashSet();
        Assert.That(kinds, Is.EquivalentTo(ScenarioNames.All.Select(ScenarioNames.Name)));
    }

    [Test]
    public void ShouldCoverEveryAccountExactlyOnceInTruth()
    {
        var (_, accounts) = Read(Path.Combine(_a, "input", "accounts.csv"));
        var (header, truth) = Read(Path.Combine(_a, "truth.csv"));
        Assert.That(string.Join(',', header), Is.EqualTo("account_id,label,operator_id,kind"));
        Assert.That(truth.Select(r => r[0]), Is.Unique);
        Assert.That(truth.Select(r => r[0]), Is.EquivalentTo(accounts.Select(r => r[0])));
        foreach (var row in truth)
        {
            var kind = ScenarioNames.All.Single(k => ScenarioNames.Name(k) == row[3]);
            Assert.That(row[1], Is.EqualTo(ScenarioNames.IsFraud(kind) ? "fraud" : "legit"), row[0]);
            Assert.That(row[2] != "", Is.EqualTo(ScenarioNames.IsFraud(kind)), $"operator_id of {row[0]}");
        }

        var (_, indicators) = Read(Path.Combine(_a, "input", "indicators.csv"));
        var truthOperators = truth.Where(r => r[2] != "").Select(r => r[2]).ToHashSet();
        Assert.That(truthOperators, Has.Count.EqualTo(4));
        Assert.That(indicators.Select(r => r[0]).ToHashSet(), Is.SubsetOf(truthOperators));
        var unknown = truth.First(r => r[3] == "unknown_operator")[2];
        Assert.That(indicators.Select(r => r[0]), Has.None.EqualTo(unknown), "the unknown operator has no indicators");
    }

    [Test]
    public void ShouldWriteValidAccountsAndPayments()
    {
        var (header, accounts) = Read(Path.Combine(_a, "input", "accounts.csv"));
        Assert.That(string.Join(',', header), Is.EqualTo("account_id,created_at,email_domain,email_hash,display_name,org_name,access_pathway,country,status"));
        Assert.That(accounts.Select(r => r[0]), Is.Unique);
        foreach (var r in accounts)
        {
            Assert.That(r[0].Length, Is.InRange(1, 128));
            AssertTimestamp(r[1], milliseconds: false);
            Assert.That(r[3] == "" || (r[3].Length == 64 && r[3].All(char.IsAsciiHexDigitLower)), Is.True, $"email_hash {r[3]}");
            Assert.That(ContractNames.TryParse(r[6], out AccessPathway _), Is.True, $"access_pathway {r[6]}");
            Assert.That(r[7] == "" || (r[7].Length == 2 && r[7].All(char.IsAsciiLetterUpper)), Is.True, $"country {r[7]}");
            Assert.That(r[8] == "" || ContractNames.TryParse(r[8], out AccountStatus _), Is.True, $"status {r[8]}");
        }

        Assert.That(accounts.Select(r => r[5]), Has.Some.Contains(","), "an org name that needs RFC 4180 quoting");
        var ids = accounts.Select(r => r[0]).ToHashSet();
        var (payHeader, payments) = Read(Path.Combine(_a, "input", "payments.csv"));
        Assert.That(string.Join(',', payHeader), Is.EqualTo("account_id,instrument_fingerprint,kind,bin,issuer_country,first_seen"));
        foreach (var r in payments)
        {
            Assert.That(ids, Does.Contain(r[0]));
            Assert.That(r[1].Length, Is.InRange(1, 128));
            Assert.That(LooksLikeCardNumber(r[1]), Is.False, "a fingerprint must never look like a raw card number");
            Assert.That(r[2] == "" || ContractNames.TryParse(r[2], out PaymentKind _), Is.True, $"kind {r[2]}");
            Assert.That(r[3] == "" || (r[3].Length is >= 6 and <= 8 && r[3].All(char.IsAsciiDigit)), Is.True, $"bin {r[3]}");
            AssertTimestamp(r[5], milliseconds: false);
        }
    }

    [Test]
    public void ShouldWriteValidSessionsReleasesAndIndicators()
    {
        var ids = Read(Path.Combine(_a, "input", "accounts.csv")).Rows.Select(r => r[0]).ToHashSet();
        var (header, sessions) = Read(Path.Combine(_a, "input", "sessions.csv"));
        Assert.That(string.Join(',', header), Is.EqualTo("account_id,ip,seen_at,asn,asn_org,ip_type"));
        foreach (var r in sessions)
        {
            Assert.That(ids, Does.Contain(r[0]));
            Assert.That(IPAddress.TryParse(r[1], out _), Is.True, $"ip {r[1]}");
            AssertTimestamp(r[2], milliseconds: false);
            Assert.That(long.Parse(r[3], CultureInfo.InvariantCulture), Is.Positive);
            Assert.That(ContractNames.TryParse(r[5], out IpType _), Is.True, $"ip_type {r[5]}");
        }

        Assert.That(sessions.Select(r => r[1]), Has.Some.Contains(":"), "some IPv6");
        var (_, releases) = Read(Path.Combine(_a, "input", "releases.csv"));
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        var inPeriod = releases.Select(r => AssertTimestamp(r[1], milliseconds: false)).Count(t => t > start && t < start.AddDays(60));
        Assert.That(inPeriod, Is.GreaterThanOrEqualTo(3), "new models are released during the period");

        var (_, indicators) = Read(Path.Combine(_a, "input", "indicators.csv"));
        var kinds = new HashSet<IndicatorKind>();
        foreach (var r in indicators)
        {
            Assert.That(ContractNames.TryParse(r[2], out IndicatorKind kind), Is.True, $"kind {r[2]}");
            kinds.Add(kind);
            Assert.That(r[3], Is.Not.Empty);
            Assert.That(double.Parse(r[4], CultureInfo.InvariantCulture), Is.InRange(0.0, 1.0));
        }

        Assert.That(kinds, Is.EquivalentTo(Enum.GetValues<IndicatorKind>()), "every indicator kind is used");
    }

    [Test]
    public void ShouldWriteValidRequestsWithUniqueIds()
    {
        var ids = Read(Path.Combine(_a, "input", "accounts.csv")).Rows.Select(r => r[0]).ToHashSet();
        var models = Read(Path.Combine(_a, "input", "releases.csv")).Rows.ToDictionary(r => r[0], r => DateTimeOffset.Parse(r[1], CultureInfo.InvariantCulture));
        var created = Read(Path.Combine(_a, "input", "accounts.csv")).Rows.ToDictionary(r => r[0], r => DateTimeOffset.Parse(r[1], CultureInfo.InvariantCulture));
        var (header, requests) = Read(Path.Combine(_a, "input", "requests.csv"));
        Assert.That(string.Join(',', header), Is.EqualTo("request_id,account_id,ts,model,capability,prompt_fingerprint,ip,client,input_tokens,output_tokens"));
        var requestIds = new HashSet<string>(StringComparer.Ordinal);
        var ips = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in requests)
        {
            Assert.That(requestIds.Add(r[0]), Is.True, $"duplicate request_id {r[0]}");
            Assert.That(ids, Does.Contain(r[1]));
            var ts = AssertTimestamp(r[2], milliseconds: true);
            Assert.That(ts, Is.GreaterThanOrEqualTo(created[r[1]]), "no request before its account exists");
            Assert.That(models.TryGetValue(r[3], out var released) && released <= ts, Is.True, $"model {r[3]} used before its release");
            Assert.That(Capabilities, Does.Contain(r[4]));
            Assert.That(r[5] == "" || (r[5].Length == 32 && r[5].All(char.IsAsciiHexDigitLower)), Is.True);
            ips.Add(r[6]);
            Assert.That(r[7], Is.Not.Empty);
            Assert.That(long.Parse(r[8], CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(0));
            Assert.That(long.Parse(r[9], CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(0));
        }

        foreach (var ip in ips)
        {
            Assert.That(IPAddress.TryParse(ip, out _), Is.True, $"ip {ip}");
        }

        var sessionIps = Read(Path.Combine(_a, "input", "sessions.csv")).Rows.Select(r => r[1]).ToHashSet();
        Assert.That(ips, Is.SubsetOf(sessionIps), "every request IP has a session");
    }

    [Test]
    public void ShouldMoveThePivotOperatorToEachNewModelWithinADay()
    {
        var truth = Read(Path.Combine(_a, "truth.csv")).Rows.ToDictionary(r => r[0], r => r[3]);
        var releases = Read(Path.Combine(_a, "input", "releases.csv")).Rows
            .Select(r => (Model: r[0], At: DateTimeOffset.Parse(r[1], CultureInfo.InvariantCulture)))
            .Where(r => r.At > new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).ToList();
        var requests = Read(Path.Combine(_a, "input", "requests.csv")).Rows;
        foreach (var (model, at) in releases)
        {
            var pivotFirstUse = requests.Where(r => truth[r[1]] == "pivot_operator" && r[3] == model)
                .GroupBy(r => r[1]).Select(g => g.Min(r => DateTimeOffset.Parse(r[2], CultureInfo.InvariantCulture))).ToList();
            Assert.That(pivotFirstUse, Is.Not.Empty, model);
            Assert.That(pivotFirstUse, Has.All.LessThanOrEqualTo(at.AddHours(24)), $"every pivot account is on {model} within 24 h");

            var labSameDay = requests.Any(r => truth[r[1]] == "legit_research_lab" && r[3] == model
                && DateTimeOffset.Parse(r[2], CultureInfo.InvariantCulture) < at.AddHours(24));
            Assert.That(labSameDay, Is.True, $"a research lab tries {model} on release day");
        }
    }

    [Test]
    public void ShouldPointAWeakIndicatorAtInnocentAccounts()
    {
        var truth = Read(Path.Combine(_a, "truth.csv")).Rows.ToDictionary(r => r[0], r => r[1]);
        var weak = Read(Path.Combine(_a, "input", "indicators.csv")).Rows
            .Where(r => double.Parse(r[4], CultureInfo.InvariantCulture) < 0.5).ToList();
        Assert.That(weak, Is.Not.Empty);
        var weakIps = weak.Where(r => r[2] == "ip").Select(r => r[3]).ToHashSet();
        var weakClients = weak.Where(r => r[2] == "client").Select(r => r[3]).ToHashSet();
        var innocentHits = Read(Path.Combine(_a, "input", "requests.csv")).Rows
            .Where(r => truth[r[1]] == "legit" && (weakIps.Contains(r[6]) || weakClients.Contains(r[7])))
            .Select(r => r[1]).Distinct().Count();
        Assert.That(innocentHits, Is.GreaterThan(0));
    }

    [Test]
    public void ShouldScaleCountsRoughlyLinearly()
    {
        var half = new SyntheticWorldPlanner(new SyntheticOptions { Scale = 0.1, Seed = 3 }).Plan();
        var full = new SyntheticWorldPlanner(new SyntheticOptions { Scale = 0.2, Seed = 3 }).Plan();
        var fraudHalf = half.Accounts.Count(a => ScenarioNames.IsFraud(a.Scenario));
        var fraudFull = full.Accounts.Count(a => ScenarioNames.IsFraud(a.Scenario));
        Assert.That(fraudFull / (double)fraudHalf, Is.InRange(1.8, 2.2));
        Assert.That(full.Accounts.Length / (double)half.Accounts.Length, Is.InRange(1.8, 2.2));
        Assert.That(full.TotalRequests / (double)half.TotalRequests, Is.InRange(1.8, 2.2));
        // At scale 0.2 the campaigns come to a fifth of 24k accounts and 16M requests.
        Assert.That(fraudFull, Is.InRange(4_000, 5_600));
        var campaignRequests = full.Accounts.Where(a => ScenarioNames.IsFraud(a.Scenario)).Sum(a => (long)a.Behaviour.RequestCount);
        Assert.That(campaignRequests, Is.InRange(2_600_000L, 3_800_000L));
        Assert.That(full.TotalRequests - campaignRequests, Is.LessThan(campaignRequests / 2), "legitimate traffic stays a few million at scale 1");
    }

    [Test]
    public void ShouldNeverUseTheWallClock()
    {
        var first = new SyntheticWorldPlanner(new SyntheticOptions { Scale = 0.01, Seed = 5 }).Plan();
        Assert.That(DateTimeOffset.FromUnixTimeMilliseconds(first.PeriodStart), Is.EqualTo(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(first.PeriodEnd - first.PeriodStart, Is.EqualTo(60L * 86_400_000));
    }

    private static DateTimeOffset AssertTimestamp(string text, bool milliseconds)
    {
        var format = milliseconds ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'";
        Assert.That(DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value), Is.True, $"timestamp {text}");
        return value;
    }

    // 13–19 digits (spaces or dashes allowed) passing the Luhn check: what the contract rejects.
    private static bool LooksLikeCardNumber(string value)
    {
        var digits = new string([.. value.Where(c => c is not (' ' or '-'))]);
        if (digits.Length is < 13 or > 19 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
