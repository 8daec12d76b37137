using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.EvidencePacks;
using Distill.Attribution.Infrastructure.Readiness;
using Distill.Attribution.Infrastructure.Tests.EvidencePacks;
using Distill.Attribution.Infrastructure.Tests.Sqlite;
using Distill.Attribution.Neo4j;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>A host's registrations moved onto Neo4j: graph-side ports replaced, runs kept in SQLite and written back.</summary>
public sealed class Neo4jServicesTests
{
    [Test]
    public async Task ShouldPutTheGraphPortsOnNeo4jAndKeepRunsInTheStoreFile()
    {
        var path = TempDatabase.NewPath();
        try
        {
            var neo = new ScriptedNeo4j();
            neo.On(CypherFiles.WriteRun, r => TypedJson.Rows(["runId"], [[r.Parameter("runId").GetString()]]));
            foreach (var file in new[] { CypherFiles.WriteClusters, CypherFiles.WriteMemberships, CypherFiles.WriteAttributions, CypherFiles.WriteEvidence })
            {
                neo.On(file, r => RecordedResponses.SingleInteger("written", r.Parameter("rows").GetArrayLength()));
            }

            await using var store = neo.Store(batchSize: 10_000);
            await using var services = new ServiceCollection()
                .AddSqliteStore(o => o.Path = path)
                .AddSqliteInvestigationStores()
                .AddAttributionEvidencePacks()
                .AddSqlitePackSources()
                .AddNeo4jGraphStore(store)
                .BuildServiceProvider();

            Assert.That(services.GetRequiredService<IGraphStore>(), Is.SameAs(store));
            Assert.That(services.GetRequiredService<IIngestStore>(), Is.SameAs(store));
            Assert.That(services.GetRequiredService<ISnapshotSource>(), Is.SameAs(store));
            Assert.That(services.GetRequiredService<IAccountReadModel>(), Is.SameAs(store.Accounts));
            Assert.That(services.GetRequiredService<ISourceRecordReader>(), Is.SameAs(store.Sources));
            Assert.That(services.GetServices<IAccountReadModel>().Count(), Is.EqualTo(1), "the SQLite read model is gone, not shadowed");
            var runs = services.GetRequiredService<IRunStore>();
            Assert.That(runs, Is.TypeOf<Neo4jWriteBackRunStore>());

            await runs.SaveRunAsync(PackTestData.Run, CancellationToken.None);

            var fromFile = await SqliteRunStore.Open(path).GetLatestRunAsync(CancellationToken.None);
            Assert.That(fromFile!.RunId, Is.EqualTo(PackTestData.Run.RunId), "the run record lives in the --store file");
            Assert.That(neo.Files[0], Is.EqualTo(CypherFiles.WriteRun), "and is written back to the graph");
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task ShouldAddNeo4jToTheStoresReadinessAsks(bool neo4jAnswers)
    {
        var path = TempDatabase.NewPath();
        try
        {
            var neo = new ScriptedNeo4j();
            neo.On(CypherFiles.Ping, _ => neo4jAnswers ? RecordedResponses.SingleInteger("ok", 1) : RecordedResponses.Unauthorized);
            await using var store = neo.Store(batchSize: 10_000);
            await using var services = new ServiceCollection()
                .AddSqliteStore(o => o.Path = path)
                .AddSqliteInvestigationStores()
                .AddNeo4jGraphStore(store)
                .BuildServiceProvider();

            var results = new Dictionary<string, ReadinessResult>();
            foreach (var check in services.GetServices<IReadinessCheck>())
            {
                results[check.Name] = await check.CheckAsync(CancellationToken.None);
            }

            Assert.That(results.Keys, Is.EquivalentTo(new[] { "sqlite", "neo4j" }), "the stores in use, each once");
            Assert.That(results["sqlite"].Ready, Is.True, results["sqlite"].Detail);
            Assert.That(results["neo4j"].Ready, Is.EqualTo(neo4jAnswers), results["neo4j"].Detail);
            Assert.That(results["neo4j"].Detail, Does.Not.Contain("pw").And.Not.Contain("neo4j.test"), "no credentials or addresses in the report");
            Assert.That(neo.Files, Has.All.EqualTo(CypherFiles.Ping));
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    [Test]
    public async Task ShouldRequireTheRunStoreToBeRegisteredFirst()
    {
        var neo = new ScriptedNeo4j();
        await using var store = neo.Store(batchSize: 10_000);

        Assert.That(() => new ServiceCollection().AddNeo4jGraphStore(store), Throws.InvalidOperationException);
    }
}
