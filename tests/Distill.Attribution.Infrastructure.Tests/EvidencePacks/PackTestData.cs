using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.EvidencePacks;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Infrastructure.Tests.EvidencePacks;

/// <summary>Pack content from a real detection run over the shared scenarios, and a synthetic large cluster.</summary>
internal static class PackTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, TimeSpan.Zero);

    private static readonly Lazy<DetectionRun> LazyRun = new(() =>
    {
        var builder = new SnapshotBuilder()
            .Campaign("camp", accounts: 20, seed: 51)
            .IndependentUsers("user", 60, seed: 53)
            .OfficeTeam("office")
            .Indicator("op-a", IndicatorKind.PaymentFingerprint, "card-camp-2", 0.9, "Example Lab");
        var handler = new DetectClustersHandler(new FixedSnapshotSource(builder.Build()), new InMemoryRunStore(),
            (g, _, _) => ConnectedComponents.Compute(g), new FixedTime(Now.AddHours(-1)));
        return handler.Handle(new DetectClustersCommand(), CancellationToken.None).GetAwaiter().GetResult().Run;
    });

    public static DetectionRun Run => LazyRun.Value;

    public static DetectedCluster Flagged => Run.Clusters.First(c => c.Flagged && c.Operator is not null);

    public static EvidencePackContent Content(DetectedCluster? cluster = null, DetectorQuality? quality = null)
    {
        var c = cluster ?? Flagged;
        var accounts = c.Members.Select(m => new AccountRecord(m, Now.AddDays(-30), "example.org", null, null, null, AccessPathway.SelfServe, "US", AccountStatus.Active)).ToList();
        var requests = c.Members.Take(5).Select((m, i) => new RequestRecord($"req-{i}", m, Now.AddDays(-2).AddMinutes(i), "m-1", "reasoning_cot", "tpl-1", "203.0.113.7", "sdk/1", 10, 20)).ToList();
        var payments = new List<PaymentRecord> { new(c.Members[0], "card-camp-2", PaymentKind.Card, "411111", "US", Now.AddDays(-29)) };
        var sessions = new List<SessionRecord> { new(c.Members[0], "203.0.113.7", Now.AddDays(-3), 64500, "Example ISP", IpType.Residential) };
        var sources = new SourceRecords(accounts, payments, sessions, requests);
        var custody = new List<CustodyEntry> { new(Now, "evidence_pack_requested", "cli", "admin", Run.RunId, Run.InputHash, c.Id, Run.MembershipHash) };
        return new EvidencePackContent(Run, c, sources, custody, quality, Now);
    }

    /// <summary>Content whose sources hold one record for every record the evidence cites (as a store would return).</summary>
    public static EvidencePackContent ContentCitingEverything(DetectedCluster cluster)
    {
        var content = Content(cluster);
        var cited = cluster.Evidence!.Steps.SelectMany(s => s.Links).SelectMany(l => l.Records).ToList();
        var payments = cited.Where(r => r.Kind == "payment").Select(r => new PaymentRecord(r.Account, r.Value!, PaymentKind.Card, "411111", "US", Now.AddDays(-20))).ToList();
        var sessions = cited.Where(r => r.Kind == "session").SelectMany(r => new[]
        {
            new SessionRecord(r.Account, r.Value!, Now.AddDays(-3), 64500, "Example ISP", IpType.Residential),
            new SessionRecord(r.Account, r.Value!, Now.AddDays(-2), 64500, "Example ISP", IpType.Residential),
        }).ToList();
        var requests = cited.Where(r => r.RequestRowId is not null).Select(r => new RequestRecord($"req-{r.RequestRowId}", r.Account, Now.AddDays(-1).AddSeconds(r.RequestRowId!.Value), "m-1", "reasoning_cot", "tpl-1", "198.51.0.1", "sdk/1", 100, 900)).ToList();
        return content with { Sources = content.Sources with { Payments = payments, Sessions = sessions, Requests = requests } };
    }

    public static ZipEvidencePackWriter Writer(string directory, out EvidencePackOptions options)
    {
        options = new EvidencePackOptions { KeyPath = Path.Combine(directory, "store.db.pack-key.pem"), QualityPath = Path.Combine(directory, "quality.json") };
        return new ZipEvidencePackWriter(new PemManifestSigner(new PemSigningKeyProvider(options)), options);
    }

    /// <summary>A flagged cluster of <paramref name="members"/> accounts: a chain-shaped evidence tree whose links
    /// cite a shared card, a shared IP and a request each, and an operator with three indicators.</summary>
    public static DetectedCluster Large(int members)
    {
        var ids = Enumerable.Range(0, members).Select(i => $"acct-{i:D5}").ToArray();
        var steps = new List<EvidenceStep>(members) { new(ids[0], null, 0, [], ["payment_fingerprint:card-0"]) };
        for (var i = 1; i < members; i++)
        {
            var parent = ids[(i - 1) / 2];
            var records = new List<ProvenanceRecord>
            {
                new() { Kind = "payment", Account = ids[i], Value = $"card-{i / 10}" },
                new() { Kind = "session", Account = ids[i], Value = $"198.51.{i / 250}.{i % 250}" },
                new() { Kind = "request", Account = ids[i], RequestRowId = i, RequestId = $"req-{i}" },
            };
            steps.Add(new EvidenceStep(ids[i], parent, 1 + (int)Math.Log2(i + 1), [new EvidenceLink("shared_payment", 1.0, ids[i], parent, $"{ids[i]} and {parent} share card-{i / 10}", records)], i % 7 == 0 ? ["ip:198.51.0.7"] : []));
        }

        var indicators = new List<MatchedIndicator>
        {
            new("op-big", "payment_fingerprint", "card-0", 0.9, "peer feed", 10, [ids[0]]),
            new("op-big", "ip", "198.51.0.7", 0.6, null, 290, [ids[7]]),
            new("op-big", "email_domain", "bad.example", 0.5, null, 3, [ids[3]]),
        };
        return new DetectedCluster
        {
            Id = "c-0999",
            Members = ids,
            RiskScore = 0.97,
            Flagged = true,
            Features = new ClusterFeatures { Synchrony = 0.8, CapabilityConcentration = 0.9, MemberCount = members, RequestCount = members * 400L },
            Operator = new OperatorAttribution("op-big", "Big Operator Ltd", 0.95, 2, indicators),
            Evidence = new EvidenceTree(ids[0], steps),
            CounterEvidence = [new CounterEvidence("ip_shared_outside", "198.51.0.1", "IP 198.51.0.1 (residential) is also used by 12 accounts outside the cluster", 12)],
        };
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
