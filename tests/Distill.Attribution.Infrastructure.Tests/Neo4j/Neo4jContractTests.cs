using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>
/// The store contract against a real Neo4j, when one is configured (<c>NEO4J_URI</c>, and
/// <c>NEO4J_USER</c>/<c>NEO4J_PASSWORD</c>/<c>NEO4J_DATABASE</c>). It wipes the database it is given, so
/// point it at a scratch database. Without <c>NEO4J_URI</c> every test reports that it was skipped.
/// </summary>
[Category("Neo4j")]
[NonParallelizable]
public sealed class Neo4jContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 13, 0, 0, TimeSpan.Zero);
    private Neo4jGraphStore store = null!;

    [SetUp]
    public async Task OpenEmptyStore()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("NEO4J_URI")))
        {
            Assert.Ignore("NEO4J_URI not set: Neo4j contract tests skipped");
        }

        store = Neo4jGraphStore.FromEnvironment();
        await Wipe();
        await store.MigrateAsync(CancellationToken.None);
    }

    [TearDown]
    public async Task Close()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }
    }

    [Test]
    public async Task ShouldIngestEveryKindAndCountIt()
    {
        await IngestSample();

        var stats = await store.GetStatsAsync(CancellationToken.None);

        Assert.That(stats, Is.EqualTo(new StoreStats(Accounts: 3, Payments: 3, Sessions: 3, Requests: 4, Releases: 1, Indicators: 2, Runs: 0, Clusters: 0)));
    }

    [Test]
    public async Task ShouldBeIdempotent()
    {
        await IngestSample();
        var first = await store.LoadSnapshotAsync(null, CancellationToken.None);

        var createdAgain = await IngestSample();
        var second = await store.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That(createdAgain, Is.Zero);
        Assert.That(second.InputHash, Is.EqualTo(first.InputHash));
        Assert.That(second.RequestRowId, Is.EqualTo(first.RequestRowId));
    }

    [Test]
    public async Task ShouldProjectTheCanonicalSnapshot()
    {
        await IngestSample();

        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That(s.AccountIds, Is.EqualTo(new[] { "acct-1", "acct-2", "acct-3", "acct-orphan" }));
        Assert.That(s.AccountPathway[3], Is.EqualTo(AccessPathway.Other));
        Assert.That(s.RequestOffsets, Is.EqualTo(new[] { 0, 2, 3, 3, 4 }));
        Assert.That(s.RequestTsMs[0], Is.EqualTo(T0.ToUnixTimeMilliseconds()));
        Assert.That(s.Instruments, Is.EqualTo(new[] { "fp-shared", "fp-solo" }));
        Assert.That(s.SessionCount, Is.EqualTo(new[] { 2, 1 }));
        Assert.That(s.IpAsn[Array.IndexOf(s.Ips, "203.0.113.7")], Is.EqualTo(64500));
        Assert.That(s.Indicators.Select(i => i.Kind), Is.EqualTo(new[] { IndicatorKind.Ip, IndicatorKind.Asn }));
        Assert.That(s.AccountCreatedAtMs[3], Is.EqualTo(long.MinValue));
        Assert.That(s.Models, Is.EqualTo(new[] { "m1", "m2" }));
        var resolved = await store.ResolveRequestIdsAsync(s.RequestRowId, CancellationToken.None);
        Assert.That(resolved.Values.Order(StringComparer.Ordinal), Is.EqualTo(new[] { "r1", "r2", "r3", "r4" }));
    }

    [Test]
    public async Task ShouldWriteARunBackAndAnswerTheInvestigatorQueries()
    {
        await IngestSample();
        var run = new RunWrite("run-0001", T0, "{}", "hash", "test", "membership");
        ClusterWrite[] clusters = [new("c-0001", 0.97, true, "new", ["acct-1", "acct-2"])];
        AttributionWrite[] attributions = [new("c-0001", "op-a", 0.91, ["op-a|ip|203.0.113.7"])];
        EvidenceWrite[] evidence = [new("c-0001", "acct-1", "acct-2", "shared_payment", 0.8, "{\"instrument\":\"fp-shared\"}")];

        await store.Runs.WriteRunAsync(run, clusters, attributions, evidence, CancellationToken.None);
        await store.Runs.WriteRunAsync(run, clusters, attributions, evidence, CancellationToken.None);

        var stats = await store.GetStatsAsync(CancellationToken.None);
        Assert.That((stats.Runs, stats.Clusters), Is.EqualTo((1L, 1L)));
        var latest = await store.Investigator.GetLatestRunAsync(CancellationToken.None);
        Assert.That(latest!["runId"], Is.EqualTo("run-0001"));
        var detail = await store.Investigator.GetClusterDetailAsync("run-0001", "c-0001", CancellationToken.None);
        Assert.That(detail!["members"], Is.EqualTo(new object[] { "acct-1", "acct-2" }));
        Assert.That(detail["operatorId"], Is.EqualTo("op-a"));
        var list = await store.Investigator.ListClustersAsync("run-0001", 0, 10, CancellationToken.None);
        Assert.That(list.Single()["riskScore"], Is.EqualTo(0.97));
        var forAccount = await store.Investigator.GetClusterForAccountAsync("run-0001", "acct-2", CancellationToken.None);
        Assert.That(forAccount!["clusterId"], Is.EqualTo("c-0001"));
        var links = await store.Investigator.GetClusterEvidenceAsync("run-0001", "c-0001", CancellationToken.None);
        Assert.That(links.Single()["rule"], Is.EqualTo("shared_payment"));
        var account = await store.Investigator.GetAccountAsync("acct-1", CancellationToken.None);
        Assert.That(account!["instruments"], Is.EqualTo(new object[] { "fp-shared", "fp-solo" }));
        var found = await store.Investigator.FindAccountsByIdentifierAsync("fp-shared", 10, CancellationToken.None);
        Assert.That(found, Is.EqualTo(new[] { "acct-1", "acct-2" }));
    }

    private async Task<int> IngestSample()
    {
        var created = 0;
        foreach (var batch in ContractSample.Batches())
        {
            created += await Write(batch);
        }

        return created;
    }

    private Task<int> Write(IngestBatch batch) => store.WriteBatchAsync(batch, CancellationToken.None);

    // Each test starts from an empty database (cypher/maintenance/delete-all.cypher).
    private Task Wipe() => store.DeleteAllForTestsAsync(CancellationToken.None);
}
