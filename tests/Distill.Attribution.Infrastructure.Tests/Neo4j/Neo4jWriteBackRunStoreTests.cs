using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Detection.DetectClusters;
using Distill.Attribution.Application.Runs;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Graph.Community;
using Distill.Attribution.Infrastructure.Tests.EvidencePacks;
using Distill.Attribution.Neo4j;
using Distill.Attribution.Testing;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>Run write-back: detect saves the run in the run store, then projects it into Neo4j in one transaction.</summary>
public sealed class Neo4jWriteBackRunStoreTests
{
    private static readonly string[] WriteBackFiles =
        [CypherFiles.WriteRun, CypherFiles.WriteClusters, CypherFiles.WriteMemberships, CypherFiles.WriteAttributions, CypherFiles.WriteEvidence];

    [Test]
    public async Task DetectShouldSaveTheRunAndWriteItBackInOneTransaction()
    {
        var neo = new ScriptedNeo4j();
        var inner = new InMemoryRunStore();
        var savedBeforeWriteBack = false;
        neo.On(CypherFiles.WriteRun, r =>
        {
            savedBeforeWriteBack = inner.Runs.Count == 1;
            return TypedJson.Rows(["runId"], [[r.Parameter("runId").GetString()]]);
        });
        foreach (var file in WriteBackFiles[1..])
        {
            neo.On(file, r => RecordedResponses.SingleInteger("written", r.Parameter("rows").GetArrayLength()));
        }

        await using var store = neo.Store(batchSize: 10_000);
        var runs = new Neo4jWriteBackRunStore(inner, store.Runs);
        var builder = new SnapshotBuilder()
            .Campaign("camp", accounts: 12, seed: 7)
            .IndependentUsers("user", 30, seed: 9)
            .Indicator("op-a", IndicatorKind.PaymentFingerprint, "card-camp-2", 0.9, "Example Lab");
        var handler = new DetectClustersHandler(new FixedSnapshotSource(builder.Build()), runs, (g, _, _) => ConnectedComponents.Compute(g), new FixedTime(PackTestData.Now));

        var run = (await handler.Handle(new DetectClustersCommand(), CancellationToken.None)).Run;

        Assert.That(inner.Runs.Single().RunId, Is.EqualTo(run.RunId));
        Assert.That(savedBeforeWriteBack, Is.True, "the run store (source of truth for ids) saves first");
        Assert.That(neo.Files, Is.EqualTo(WriteBackFiles));
        var paths = neo.Api.Requests.Select(r => (r.Method.Method, r.Path)).ToArray();
        Assert.That(paths[0], Is.EqualTo(("POST", "/db/neo4j/query/v2/tx")));
        Assert.That(paths[1..^1].Select(p => p.Path), Is.All.EqualTo("/db/neo4j/query/v2/tx/8d9c6a6f-tx"), "every statement runs in the one transaction");
        Assert.That(paths[^1], Is.EqualTo(("POST", "/db/neo4j/query/v2/tx/8d9c6a6f-tx/commit")));
        Assert.That(neo.Statements.Select(s => s.Request.Parameter("runId").GetString()), Is.All.EqualTo(run.RunId));

        var header = Request(neo, CypherFiles.WriteRun);
        Assert.That(header.Parameter("inputHash").GetString(), Is.EqualTo(run.InputHash));
        Assert.That(header.Parameter("membershipHash").GetString(), Is.EqualTo(run.MembershipHash));
        Assert.That(DetectionParameters.FromJson(header.Parameter("parameters").GetString()!), Is.EqualTo(run.Parameters));

        var clusters = Rows(neo, CypherFiles.WriteClusters);
        Assert.That(clusters.Select(c => c.GetProperty("clusterId").GetString()), Is.EqualTo(run.Clusters.Select(c => c.Id)));
        Assert.That(clusters.Select(c => c.GetProperty("size").GetInt32()), Is.EqualTo(run.Clusters.Select(c => c.Members.Count)));
        Assert.That(clusters.Select(c => c.GetProperty("flagged").GetBoolean()), Is.EqualTo(run.Clusters.Select(c => c.Flagged)));
        Assert.That(clusters.Select(c => c.GetProperty("riskScore").GetDouble()), Is.EqualTo(run.Clusters.Select(c => c.RiskScore)));
        Assert.That(clusters.Select(c => c.GetProperty("lineage").GetString()), Is.All.EqualTo("new"));

        var memberships = Rows(neo, CypherFiles.WriteMemberships).Select(m => (m.GetProperty("accountId").GetString()!, m.GetProperty("clusterId").GetString()!));
        Assert.That(memberships, Is.EquivalentTo(run.Clusters.SelectMany(c => c.Members.Select(m => (m, c.Id)))));

        var attributed = run.Clusters.Where(c => c.Operator is not null).ToArray();
        Assert.That(attributed, Is.Not.Empty, "the scenario has an attributed campaign");
        var attributions = Rows(neo, CypherFiles.WriteAttributions);
        Assert.That(attributions.Select(a => (a.GetProperty("clusterId").GetString(), a.GetProperty("operatorId").GetString(), a.GetProperty("confidence").GetDouble())),
            Is.EqualTo(attributed.Select(c => (c.Id, c.Operator!.OperatorId, c.Operator.Confidence))));
        Assert.That(attributions[0].GetProperty("matchedIndicators").EnumerateArray().Select(k => k.GetString()),
            Does.Contain("op-a\u001fpayment_fingerprint\u001fcard-camp-2"), "matched indicators name the Indicator nodes' keys");

        var links = attributed.SelectMany(c => c.Evidence!.Steps).SelectMany(s => s.Links).DistinctBy(l => (l.From, l.To, l.Rule)).ToArray();
        var evidence = Rows(neo, CypherFiles.WriteEvidence);
        Assert.That(evidence.Select(e => (e.GetProperty("fromAccountId").GetString(), e.GetProperty("toAccountId").GetString(), e.GetProperty("rule").GetString(), e.GetProperty("weight").GetDouble())),
            Is.EqualTo(links.Select(l => (l.From, l.To, l.Rule, l.Weight))));
        var provenance = JsonDocument.Parse(evidence[0].GetProperty("provenance").GetString()!).RootElement;
        Assert.That(provenance.GetArrayLength(), Is.EqualTo(links[0].Records.Count));
        Assert.That(provenance[0].GetProperty("kind").GetString(), Is.EqualTo(links[0].Records[0].Kind));
    }

    [Test]
    public async Task ShouldWriteLargeRunsInSlicesOfTheBatchSize()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.WriteRun, r => TypedJson.Rows(["runId"], [[r.Parameter("runId").GetString()]]));
        foreach (var file in WriteBackFiles[1..])
        {
            neo.On(file, r => RecordedResponses.SingleInteger("written", r.Parameter("rows").GetArrayLength()));
        }

        await using var store = neo.Store(batchSize: 4);
        var run = PackTestData.Run with { Clusters = [PackTestData.Large(10)] };

        await store.Runs.WriteRunAsync(run, CancellationToken.None);

        var membershipSlices = neo.Statements.Where(s => s.File == CypherFiles.WriteMemberships).Select(s => s.Request.Parameter("rows").GetArrayLength());
        Assert.That(membershipSlices, Is.EqualTo(new[] { 4, 4, 2 }));
        var evidenceSlices = neo.Statements.Where(s => s.File == CypherFiles.WriteEvidence).Select(s => s.Request.Parameter("rows").GetArrayLength());
        Assert.That(evidenceSlices, Is.EqualTo(new[] { 4, 4, 1 }), "nine links (one per member but the root)");
        Assert.That(neo.Api.Requests.Count(r => r.Path.EndsWith("/commit", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldRollBackTheGraphAndReportTheSavedRunWhenWriteBackFails()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.WriteRun, r => TypedJson.Rows(["runId"], [[r.Parameter("runId").GetString()]]));
        neo.On(CypherFiles.WriteClusters, r => RecordedResponses.SingleInteger("written", r.Parameter("rows").GetArrayLength()));
        neo.On(CypherFiles.WriteMemberships, _ => RecordedResponses.ConstraintViolation);
        await using var store = neo.Store(batchSize: 10_000);
        var inner = new InMemoryRunStore();
        var runs = new Neo4jWriteBackRunStore(inner, store.Runs);

        var error = await Assert.ThrowsAsync<Neo4jWriteBackException>(() => runs.SaveRunAsync(PackTestData.Run, CancellationToken.None));

        Assert.That(error!.RunId, Is.EqualTo(PackTestData.Run.RunId));
        Assert.That(error.InnerException, Is.TypeOf<Neo4jException>());
        Assert.That(inner.Runs, Has.Count.EqualTo(1), "the run record itself is kept");
        Assert.That(neo.Api.Requests.Any(r => r.Path.EndsWith("/commit", StringComparison.Ordinal)), Is.False);
        // Neo4j rolls a transaction back itself when one of its statements fails: the failing statement is the last request.
        var last = neo.Api.Requests[^1];
        Assert.That((last.Method, last.Statement), Is.EqualTo((HttpMethod.Post, CypherScripts.Default[CypherFiles.WriteMemberships])));
        Assert.That(neo.Files, Does.Not.Contain(CypherFiles.WriteAttributions), "nothing runs after the failure");
    }

    [Test]
    public async Task ShouldRollBackWhenTheWriteBackStopsBetweenStatements()
    {
        using var cancel = new CancellationTokenSource();
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.WriteRun, r => TypedJson.Rows(["runId"], [[r.Parameter("runId").GetString()]]));
        neo.On(CypherFiles.WriteClusters, r =>
        {
            // Stopped (Ctrl+C) after the clusters were sent: the open transaction must not stay open or be committed.
            cancel.Cancel();
            return RecordedResponses.SingleInteger("written", r.Parameter("rows").GetArrayLength());
        });
        await using var store = neo.Store(batchSize: 10_000);

        await Assert.CatchAsync<OperationCanceledException>(() => store.Runs.WriteRunAsync(PackTestData.Run, cancel.Token));

        Assert.That(neo.Api.Requests.Any(r => r.Path.EndsWith("/commit", StringComparison.Ordinal)), Is.False);
        var last = neo.Api.Requests[^1];
        Assert.That((last.Method, last.Path), Is.EqualTo((HttpMethod.Delete, "/db/neo4j/query/v2/tx/8d9c6a6f-tx")), "the open transaction is rolled back");
    }

    [Test]
    public async Task ShouldReadRunsFromTheInnerStoreOnly()
    {
        var neo = new ScriptedNeo4j();
        await using var store = neo.Store(batchSize: 10_000);
        var inner = new InMemoryRunStore();
        await inner.SaveRunAsync(PackTestData.Run, CancellationToken.None);
        var runs = new Neo4jWriteBackRunStore(inner, store.Runs);

        var latest = await runs.GetLatestRunAsync(CancellationToken.None);
        var byId = await runs.GetRunAsync(PackTestData.Run.RunId, CancellationToken.None);

        Assert.That((latest, byId), Is.EqualTo((PackTestData.Run, PackTestData.Run)));
        Assert.That(neo.Api.Requests, Is.Empty);
    }

    private static RecordedRequest Request(ScriptedNeo4j neo, string file) => neo.Statements.Single(s => s.File == file).Request;

    private static JsonElement[] Rows(ScriptedNeo4j neo, string file) =>
        [.. neo.Statements.Where(s => s.File == file).SelectMany(s => s.Request.Parameter("rows").EnumerateArray())];

    [Test]
    public async Task ShouldAnswerTheCheapRunReadsFromTheInnerStoreWithoutNeo4j()
    {
        var neo = new ScriptedNeo4j();
        await using var store = neo.Store(batchSize: 10_000);
        var runs = new Neo4jWriteBackRunStore(new SummaryOnlyRunStore(), store.Runs);

        var latest = await runs.GetLatestRunIdAsync(CancellationToken.None);
        var page = await runs.ListRunSummariesAsync(20, 0, CancellationToken.None);

        // The interface's defaults would load the whole latest run (null here) and answer "cannot list".
        Assert.That(latest, Is.EqualTo("run-0042"));
        Assert.That(page, Is.Not.Null);
        Assert.That(page!.TotalCount, Is.EqualTo(42));
        Assert.That(neo.Api.Requests, Is.Empty);
    }

    private sealed class SummaryOnlyRunStore : IRunStore
    {
        public Task<DetectionRun?> GetLatestRunAsync(CancellationToken ct) => Task.FromResult<DetectionRun?>(null);

        public Task<DetectionRun?> GetRunAsync(string runId, CancellationToken ct) => Task.FromResult<DetectionRun?>(null);

        public Task SaveRunAsync(DetectionRun run, CancellationToken ct) => Task.CompletedTask;

        public Task<string?> GetLatestRunIdAsync(CancellationToken ct) => Task.FromResult<string?>("run-0042");

        public Task<Page<RunSummary>?> ListRunSummariesAsync(int first, int offset, CancellationToken ct) =>
            Task.FromResult<Page<RunSummary>?>(new Page<RunSummary>([], 42, offset));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
