using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Lookup;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.EvidencePacks;
using Distill.Attribution.Infrastructure.Tests.EvidencePacks;
using Distill.Attribution.Infrastructure.Tests.Sqlite;
using Distill.Attribution.Neo4j;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>
/// The ports the API and the packs read through, on both stores with the same input: SQLite and Neo4j must give the
/// same answers. Both sides are resolved from a host's registrations (the Neo4j side through
/// <see cref="Neo4jServices.AddNeo4jGraphStore(Microsoft.Extensions.DependencyInjection.IServiceCollection, Neo4jGraphStore)"/>). Needs a real Neo4j (<c>NEO4J_URI</c>, a scratch database: it is
/// wiped); skipped otherwise.
/// </summary>
[Category("Neo4j")]
[NonParallelizable]
public sealed class Neo4jCrossStoreContractTests
{
    private static readonly string[] AllAccounts = ["acct-1", "acct-2", "acct-3", "acct-orphan", "acct-unknown"];
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private Neo4jGraphStore neo4j = null!;
    private readonly List<string> paths = [];
    private ServiceProvider sqlite = null!;
    private ServiceProvider onNeo4j = null!;

    [SetUp]
    public async Task IngestTheSampleIntoBothStores()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("NEO4J_URI")))
        {
            Assert.Ignore("NEO4J_URI not set: Neo4j contract tests skipped");
        }

        neo4j = Neo4jGraphStore.FromEnvironment();
        await neo4j.DeleteAllForTestsAsync(CancellationToken.None);
        await neo4j.MigrateAsync(CancellationToken.None);
        sqlite = Services(null);
        onNeo4j = Services(neo4j);
        foreach (var provider in new[] { sqlite, onNeo4j })
        {
            var store = provider.GetRequiredService<IGraphStore>();
            foreach (var batch in ContractSample.Batches())
            {
                await store.WriteBatchAsync(batch, CancellationToken.None);
            }
        }
    }

    [TearDown]
    public async Task Close()
    {
        if (sqlite is not null)
        {
            await sqlite.DisposeAsync();
        }

        if (onNeo4j is not null)
        {
            await onNeo4j.DisposeAsync();
        }

        if (neo4j is not null)
        {
            await neo4j.DisposeAsync();
        }

        foreach (var path in paths)
        {
            TempDatabase.Delete(path);
        }
    }

    [Test]
    public async Task AccountDetailsShouldMatch()
    {
        var expected = await sqlite.GetRequiredService<IAccountReadModel>().GetAccountsAsync(AllAccounts, CancellationToken.None);
        var actual = await onNeo4j.GetRequiredService<IAccountReadModel>().GetAccountsAsync(AllAccounts, CancellationToken.None);

        Assert.That(Text(actual.OrderBy(kv => kv.Key, StringComparer.Ordinal)), Is.EqualTo(Text(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal))));
    }

    [TestCase(LookupKind.Ip, "203.0.113.7")]
    [TestCase(LookupKind.Ip, "2001:db8::1")]
    [TestCase(LookupKind.PaymentFingerprint, "fp-shared")]
    [TestCase(LookupKind.EmailDomain, "MAIL.example")]
    [TestCase(LookupKind.Client, "sdk/1")]
    [TestCase(LookupKind.PromptFingerprint, "pf-1")]
    [TestCase(LookupKind.PromptFingerprint, "pf-none")]
    public async Task LookupsShouldMatch(LookupKind kind, string value)
    {
        var expected = await sqlite.GetRequiredService<IAccountReadModel>().FindAccountsAsync(kind, value, 10, CancellationToken.None);
        var actual = await onNeo4j.GetRequiredService<IAccountReadModel>().FindAccountsAsync(kind, value, 10, CancellationToken.None);

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public async Task ActivityAndSharedInfrastructureShouldMatch()
    {
        var expected = sqlite.GetRequiredService<IAccountReadModel>();
        var actual = onNeo4j.GetRequiredService<IAccountReadModel>();
        string[] members = ["acct-1", "acct-2", "acct-orphan"];

        Assert.That(Text((await actual.GetActivitySpansAsync(CancellationToken.None)).OrderBy(kv => kv.Key, StringComparer.Ordinal)),
            Is.EqualTo(Text((await expected.GetActivitySpansAsync(CancellationToken.None)).OrderBy(kv => kv.Key, StringComparer.Ordinal))));
        foreach (var granularity in new[] { ActivityGranularity.Hour, ActivityGranularity.Day })
        {
            Assert.That(await actual.GetActivityAsync(members, granularity, CancellationToken.None),
                Is.EqualTo(await expected.GetActivityAsync(members, granularity, CancellationToken.None)));
        }

        Assert.That(await actual.GetSharedInfrastructureAsync(members, CancellationToken.None),
            Is.EqualTo(await expected.GetSharedInfrastructureAsync(members, CancellationToken.None)));
    }

    [Test]
    public async Task SourceRecordsShouldMatch()
    {
        async Task<string> Read(ServiceProvider provider)
        {
            // Row ids are each store's own; both list every request in the snapshot's (account, time) order.
            var snapshot = await provider.GetRequiredService<ISnapshotSource>().LoadSnapshotAsync(null, CancellationToken.None);
            var request = new SourceRecordRequest(
                AllAccounts,
                [("acct-1", "fp-shared"), ("acct-2", "fp-shared"), ("acct-1", "fp-none")],
                [("acct-1", "203.0.113.7"), ("acct-2", "2001:db8::1"), ("acct-3", "203.0.113.7")],
                [.. snapshot.RequestRowId, -1]);
            return Text(await provider.GetRequiredService<ISourceRecordReader>().ReadAsync(request, CancellationToken.None));
        }

        Assert.That(await Read(onNeo4j), Is.EqualTo(await Read(sqlite)));
    }

    [Test]
    public async Task DetectShouldWriteTheRunBackIdempotentlyForTheInvestigatorQueries()
    {
        var step = new EvidenceStep("acct-2", "acct-1", 1,
            [new EvidenceLink("shared_payment", 0.8, "acct-2", "acct-1", "acct-2 and acct-1 share fp-shared", [new ProvenanceRecord { Kind = "payment", Account = "acct-2", Value = "fp-shared" }])], []);
        var cluster = PackTestData.Flagged with
        {
            Id = "c-0001",
            Members = ["acct-1", "acct-2"],
            Evidence = new EvidenceTree("acct-1", [new EvidenceStep("acct-1", null, 0, [], []), step]),
        };
        var run = PackTestData.Run with { RunId = "run-0001", Clusters = [cluster] };
        var runs = onNeo4j.GetRequiredService<IRunStore>();

        await runs.SaveRunAsync(run, CancellationToken.None);
        var once = await neo4j.DumpForTestsAsync(CancellationToken.None);
        await new Neo4jWriteBackRunStore(new InMemoryRunStore(), neo4j.Runs).SaveRunAsync(run, CancellationToken.None);

        Assert.That(await neo4j.DumpForTestsAsync(CancellationToken.None), Is.EqualTo(once), "writing the same run again changes nothing");
        Assert.That((await runs.GetLatestRunAsync(CancellationToken.None))!.RunId, Is.EqualTo("run-0001"), "the run record is in the SQLite run store");
        var stats = await neo4j.GetStatsAsync(CancellationToken.None);
        Assert.That((stats.Runs, stats.Clusters), Is.EqualTo((1L, 1L)));
        var detail = await neo4j.Investigator.GetClusterDetailAsync("run-0001", "c-0001", CancellationToken.None);
        Assert.That(detail!["members"], Is.EqualTo(new object[] { "acct-1", "acct-2" }));
        Assert.That(detail["operatorId"], Is.EqualTo(cluster.Operator!.OperatorId));
        var links = await neo4j.Investigator.GetClusterEvidenceAsync("run-0001", "c-0001", CancellationToken.None);
        Assert.That(links.Single()["rule"], Is.EqualTo("shared_payment"));
    }

    private static string Text(object value) => JsonSerializer.Serialize(value, Json);

    private ServiceProvider Services(Neo4jGraphStore? graph)
    {
        var path = TempDatabase.NewPath();
        paths.Add(path);
        var services = new ServiceCollection()
            .AddSqliteStore(o => o.Path = path)
            .AddSqliteInvestigationStores()
            .AddAttributionEvidencePacks()
            .AddSqlitePackSources();
        return (graph is null ? services : services.AddNeo4jGraphStore(graph)).BuildServiceProvider();
    }
}
