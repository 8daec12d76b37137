using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>The store against a scripted Query API: which statements it sends, in which transactions, with which rows.</summary>
public sealed class Neo4jGraphStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 13, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task ShouldRunEverySchemaFileInOrderOnMigrate()
    {
        var neo = new ScriptedNeo4j();
        foreach (var path in CypherScripts.Default.Under(CypherFiles.SchemaFolder))
        {
            neo.On(path, _ => RecordedResponses.Empty);
        }

        await using var store = neo.Store(10_000);
        await store.MigrateAsync(CancellationToken.None);

        Assert.That(neo.Files, Is.EqualTo(CypherScripts.Default.Under(CypherFiles.SchemaFolder)));
        var sequence = neo.Statements.Single(s => s.File == CypherFiles.RequestSequence).Request;
        Assert.That(sequence.Parameter("name").GetString(), Is.EqualTo("request"));
        Assert.That(neo.Api.Requests.Select(r => r.Path), Is.All.EqualTo("/db/neo4j/query/v2"), "schema commands run in implicit transactions");
    }

    [Test]
    public async Task ShouldWriteRequestsInOneTransactionInSlicesWithReservedRowIds()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.ReserveRowIds, _ => RecordedResponses.SingleInteger("first", 100));
        neo.On(CypherFiles.IngestRequests, r => RecordedResponses.SingleInteger("created", r.Parameter("rows").GetArrayLength()));
        await using var store = neo.Store(batchSize: 2);
        var requests = new[]
        {
            Request("r1", "a", 0), Request("r2", "a", 1), Request("r1", "b", 2), Request("r3", "b", 3), Request("r4", "c", 4),
        };

        var created = await store.WriteBatchAsync(new IngestBatch { Kind = RecordKind.Requests, Source = "requests.csv", Requests = requests }, CancellationToken.None);

        Assert.That(created, Is.EqualTo(4), "the duplicate request id within the batch is written once");
        Assert.That(neo.Files, Is.EqualTo(new[] { CypherFiles.ReserveRowIds, CypherFiles.IngestRequests, CypherFiles.IngestRequests }));
        var paths = neo.Api.Requests.Select(r => r.Path).ToArray();
        Assert.That(paths[0], Is.EqualTo("/db/neo4j/query/v2/tx"));
        Assert.That(paths[1..^1], Is.All.EqualTo("/db/neo4j/query/v2/tx/8d9c6a6f-tx"));
        Assert.That(paths[^1], Is.EqualTo("/db/neo4j/query/v2/tx/8d9c6a6f-tx/commit"));
        Assert.That(neo.Api.Requests.Skip(1).Select(r => r.ClusterAffinity), Is.All.EqualTo("affinity-1"));

        var reserve = neo.Statements[0].Request;
        Assert.That(reserve.Parameter("count").GetInt32(), Is.EqualTo(4));
        var rows = neo.Statements.Skip(1).SelectMany(s => s.Request.Parameter("rows").EnumerateArray()).ToArray();
        Assert.That(rows.Select(r => r.GetProperty("requestId").GetString()), Is.EqualTo(new[] { "r1", "r2", "r3", "r4" }));
        Assert.That(rows.Select(r => r.GetProperty("offset").GetInt32()), Is.EqualTo(new[] { 0, 1, 2, 3 }));
        Assert.That(rows[0].GetProperty("accountId").GetString(), Is.EqualTo("a"), "the first row of a duplicated id wins");
        Assert.That(rows[0].GetProperty("ts").GetString(), Is.EqualTo("2026-01-05T13:00:00.000Z"));
        Assert.That(rows[0].GetProperty("inputTokens").GetInt64(), Is.EqualTo(10));
        Assert.That(rows[0].GetProperty("capability").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(neo.Statements.Skip(1).Select(s => s.Request.Parameter("firstRowId").GetInt64()), Is.All.EqualTo(100));
    }

    [Test]
    public async Task ShouldKeepTheLastRowOfAnAccountWithinABatch()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.IngestAccounts, r => RecordedResponses.SingleInteger("created", r.Parameter("rows").GetArrayLength()));
        await using var store = neo.Store(10_000);
        var accounts = new[]
        {
            Account("a", "old.example"), Account("b", null), Account("a", "new.example"),
        };

        var created = await store.WriteBatchAsync(new IngestBatch { Kind = RecordKind.Accounts, Source = "accounts.csv", Accounts = accounts }, CancellationToken.None);

        Assert.That(created, Is.EqualTo(2));
        var rows = neo.Statements.Single().Request.Parameter("rows").EnumerateArray().ToArray();
        Assert.That(rows.Select(r => r.GetProperty("accountId").GetString()), Is.EqualTo(new[] { "b", "a" }));
        Assert.That(rows[1].GetProperty("emailDomain").GetString(), Is.EqualTo("new.example"));
        Assert.That(rows[1].GetProperty("accessPathway").GetString(), Is.EqualTo("education"));
        Assert.That(rows[1].GetProperty("status").GetString(), Is.EqualTo("active"));
    }

    [Test]
    public async Task ShouldKeyPaymentsSessionsAndIndicatorsOnTheirContractKeys()
    {
        var neo = new ScriptedNeo4j();
        foreach (var file in new[] { CypherFiles.IngestPayments, CypherFiles.IngestSessions, CypherFiles.IngestIndicators, CypherFiles.IngestReleases })
        {
            neo.On(file, r => RecordedResponses.SingleInteger("created", r.Parameter("rows").GetArrayLength()));
        }

        await using var store = neo.Store(10_000);
        var payments = await store.WriteBatchAsync(
            new IngestBatch
            {
                Kind = RecordKind.Payments,
                Source = "p",
                Payments = [new PaymentRecord("a", "fp1", PaymentKind.Card, "411111", "US", T0), new PaymentRecord("a", "fp1", PaymentKind.Bank, null, null, T0), new PaymentRecord("b", "fp1", null, null, null, T0)],
            },
            CancellationToken.None);
        var sessions = await store.WriteBatchAsync(
            new IngestBatch
            {
                Kind = RecordKind.Sessions,
                Source = "s",
                Sessions = [new SessionRecord("a", "10.0.0.1", T0, 64500, "Campus", IpType.Residential), new SessionRecord("a", "10.0.0.1", T0, null, null, null), new SessionRecord("a", "10.0.0.1", T0.AddSeconds(1), null, null, null)],
            },
            CancellationToken.None);
        var indicators = await store.WriteBatchAsync(
            new IngestBatch
            {
                Kind = RecordKind.Indicators,
                Source = "i",
                Indicators = [new IndicatorRecord("op-a", null, IndicatorKind.Ip, "10.0.0.1", 0.2, null), new IndicatorRecord("op-a", "Lab", IndicatorKind.Ip, "10.0.0.1", 1.0, "peer"), new IndicatorRecord("op-a", null, IndicatorKind.Asn, "10.0.0.1", 0.2, null)],
            },
            CancellationToken.None);
        var releases = await store.WriteBatchAsync(
            new IngestBatch { Kind = RecordKind.Releases, Source = "r", Releases = [new ReleaseRecord("m1", T0.AddDays(1)), new ReleaseRecord("m1", T0)] },
            CancellationToken.None);

        Assert.That((payments, sessions, indicators, releases), Is.EqualTo((2, 2, 2, 1)));
        var indicatorRows = neo.Statements.Single(s => s.File == CypherFiles.IngestIndicators).Request.Parameter("rows");
        Assert.That(indicatorRows[0].GetProperty("confidence").GetRawText(), Is.EqualTo("1.0"), "the later row wins; a confidence of 1 stays a FLOAT in Neo4j");
        Assert.That(indicatorRows[0].GetProperty("kind").GetString(), Is.EqualTo("ip"));
        var paymentRows = neo.Statements.Single(s => s.File == CypherFiles.IngestPayments).Request.Parameter("rows");
        Assert.That(paymentRows[0].GetProperty("kind").GetString(), Is.EqualTo("card"), "equal first_seen: the smaller kind wins, as in the SQLite store");
        var releaseRows = neo.Statements.Single(s => s.File == CypherFiles.IngestReleases).Request.Parameter("rows");
        Assert.That(releaseRows.EnumerateArray().Single().GetProperty("releasedAt").GetString(), Is.EqualTo("2026-01-05T13:00:00.000Z"), "the earliest release wins");
        var sessionRows = neo.Statements.Single(s => s.File == CypherFiles.IngestSessions).Request.Parameter("rows");
        Assert.That(sessionRows[0].GetProperty("asn").GetInt64(), Is.EqualTo(64500));
        Assert.That(sessionRows[0].GetProperty("ipType").GetString(), Is.EqualTo("residential"));
        Assert.That(sessionRows[0].GetProperty("sessionKey").GetString(), Is.Not.EqualTo(sessionRows[1].GetProperty("sessionKey").GetString()));
    }

    [Test]
    public async Task ShouldSendNothingForAnEmptyBatch()
    {
        var neo = new ScriptedNeo4j();
        await using var store = neo.Store(10_000);

        var created = await store.WriteBatchAsync(new IngestBatch { Kind = RecordKind.Requests, Source = "x" }, CancellationToken.None);

        Assert.That(created, Is.Zero);
        Assert.That(neo.Api.Requests, Is.Empty);
    }

    [Test]
    public async Task ShouldReadTheStats()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.GetStats, _ => TypedJson.Rows(
            ["accounts", "payments", "sessions", "requests", "releases", "indicators", "runs", "clusters"],
            [[22326L, 18271L, 69649L, 4120289L, 4L, 16L, 1L, 812L]]));
        await using var store = neo.Store(10_000);

        var stats = await store.GetStatsAsync(CancellationToken.None);

        Assert.That(stats, Is.EqualTo(new StoreStats(22326, 18271, 69649, 4120289, 4, 16, 1, 812)));
    }

    [Test]
    public async Task ShouldResolveRequestIdsInSlices()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.ResolveRequestIds, r => TypedJson.Rows(
            ["rowId", "requestId"],
            r.Parameter("rowIds").EnumerateArray().Where(e => e.GetInt64() != 99).Select(e => new object?[] { e.GetInt64(), $"req-{e.GetInt64()}" })));
        await using var store = neo.Store(batchSize: 2);

        var resolved = await store.ResolveRequestIdsAsync([1, 2, 3, 99, 3], CancellationToken.None);

        Assert.That(resolved, Is.EqualTo(new Dictionary<long, string> { [1] = "req-1", [2] = "req-2", [3] = "req-3" }));
        Assert.That(neo.Files, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ShouldDumpTheStoreAsSortedStableText()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.DumpNodes, _ => """
            { "data": { "fields": ["labels", "properties"], "values": [
              [ { "$type": "List", "_value": [ { "$type": "String", "_value": "Account" } ] },
                { "$type": "Map", "_value": { "status": { "$type": "String", "_value": "active" }, "accountId": { "$type": "String", "_value": "b" } } } ],
              [ { "$type": "List", "_value": [ { "$type": "String", "_value": "Account" } ] },
                { "$type": "Map", "_value": { "accountId": { "$type": "String", "_value": "a" }, "createdAt": { "$type": "OffsetDateTime", "_value": "2026-01-05T14:00:00+01:00" } } } ]
            ] } }
            """);
        neo.On(CypherFiles.DumpRelationships, _ => TypedJson.Rows(["type", "properties", "fromKey", "toKey"], [["PAID_WITH", null, "a", "fp-1"]]));
        await using var store = neo.Store(10_000);

        var dump = await store.DumpForTestsAsync(CancellationToken.None);

        Assert.That(dump.Split('\n'), Is.EqualTo(new[]
        {
            "(Account {accountId: \"a\", createdAt: 2026-01-05T13:00:00.0000000+00:00})",
            "(Account {accountId: \"b\", status: \"active\"})",
            "[\"a\"]-[:PAID_WITH null]->[\"fp-1\"]",
        }));
    }

    private static RequestRecord Request(string id, string account, int minute) =>
        new(id, account, T0.AddMinutes(minute), "m1", null, "pf", "10.0.0.1", "sdk/1", 10, 20);

    private static AccountRecord Account(string id, string? domain) =>
        new(id, T0, domain, null, null, null, AccessPathway.Education, "DE", AccountStatus.Active);
}
