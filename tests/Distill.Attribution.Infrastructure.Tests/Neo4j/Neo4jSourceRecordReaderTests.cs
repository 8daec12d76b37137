using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>The evidence pack's source records read from Neo4j: statements, parameters, decoding, order.</summary>
public sealed class Neo4jSourceRecordReaderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 13, 0, 0, TimeSpan.Zero);
    private static readonly long Ms = T0.ToUnixTimeMilliseconds();

    [Test]
    public async Task ShouldReadEachKindInTheOrderAskedAndLeaveOutWhatIsNotStored()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.GetAccountRecords, r => TypedJson.Rows(
            ["accountId", "createdAtMs", "emailDomain", "emailHash", "displayName", "orgName", "accessPathway", "country", "status"],
            Strings(r, "accountIds").Where(id => id != "stub").Select(id => new object?[] { id, Ms, "mail.example", null, "A", null, "education", null, id == "b" ? "suspended" : null })));
        neo.On(CypherFiles.GetPaymentRecords, _ => TypedJson.Rows(
            ["accountId", "instrument", "kind", "bin", "issuerCountry", "firstSeenMs"],
            [["b", "fp-2", null, null, null, Ms], ["a", "fp-1", "card", "411111", "US", Ms]]));
        neo.On(CypherFiles.GetSessionRecords, _ => TypedJson.Rows(
            ["accountId", "ip", "seenAtMs", "asn", "asnOrg", "ipType"],
            [["a", "10.0.0.1", Ms + 1000, 64500L, "Campus", "residential"], ["a", "10.0.0.1", Ms, null, null, null]]));
        neo.On(CypherFiles.GetRequestRecords, _ => TypedJson.Rows(
            ["rowId", "requestId", "accountId", "tsMs", "model", "capability", "promptFingerprint", "ip", "client", "inputTokens", "outputTokens"],
            [[9L, "r9", "a", Ms, "m1", null, "tpl", "10.0.0.1", "sdk/1", 12L, null], [4L, "r4", "b", Ms, "m2", "code", null, null, null, null, 7L]]));
        await using var store = neo.Store(batchSize: 2);

        var records = await store.Sources.ReadAsync(
            new SourceRecordRequest(["a", "stub", "b"], [("a", "fp-1"), ("a", "fp-missing"), ("b", "fp-2")], [("a", "10.0.0.1")], [4, 9, 77]),
            CancellationToken.None);

        Assert.That(records.Accounts, Is.EqualTo(new[]
        {
            new AccountRecord("a", T0, "mail.example", null, "A", null, AccessPathway.Education, null, null),
            new AccountRecord("b", T0, "mail.example", null, "A", null, AccessPathway.Education, null, AccountStatus.Suspended),
        }), "stub accounts have no account row");
        Assert.That(records.Payments, Is.EqualTo(new[]
        {
            new PaymentRecord("a", "fp-1", PaymentKind.Card, "411111", "US", T0),
            new PaymentRecord("b", "fp-2", null, null, null, T0),
        }));
        Assert.That(records.Sessions, Is.EqualTo(new[]
        {
            new SessionRecord("a", "10.0.0.1", T0, null, null, null),
            new SessionRecord("a", "10.0.0.1", T0.AddSeconds(1), 64500, "Campus", IpType.Residential),
        }), "every session of the pair, oldest first");
        Assert.That(records.Requests, Is.EqualTo(new[]
        {
            new RequestRecord("r4", "b", T0, "m2", "code", null, null, null, null, 7),
            new RequestRecord("r9", "a", T0, "m1", null, "tpl", "10.0.0.1", "sdk/1", 12, null),
        }));

        Assert.That(neo.Files, Is.EqualTo(new[]
        {
            CypherFiles.GetAccountRecords, CypherFiles.GetAccountRecords, CypherFiles.GetPaymentRecords, CypherFiles.GetPaymentRecords,
            CypherFiles.GetSessionRecords, CypherFiles.GetRequestRecords, CypherFiles.GetRequestRecords,
        }), "slices of the batch size");
        var pairs = neo.Statements.First(s => s.File == CypherFiles.GetPaymentRecords).Request.Parameter("pairs");
        Assert.That(pairs.EnumerateArray().Select(p => (p.GetProperty("accountId").GetString(), p.GetProperty("instrument").GetString())),
            Is.EqualTo(new[] { ("a", "fp-1"), ("a", "fp-missing") }));
        var sessionPair = neo.Statements.Single(s => s.File == CypherFiles.GetSessionRecords).Request.Parameter("pairs")[0];
        Assert.That((sessionPair.GetProperty("accountId").GetString(), sessionPair.GetProperty("ip").GetString()), Is.EqualTo(("a", "10.0.0.1")));
        var rowIds = neo.Statements.Where(s => s.File == CypherFiles.GetRequestRecords).SelectMany(s => s.Request.Parameter("rowIds").EnumerateArray().Select(e => e.GetInt64()));
        Assert.That(rowIds, Is.EqualTo(new[] { 4L, 9L, 77L }));
    }

    [Test]
    public async Task ShouldAskNothingForAnEmptyRequest()
    {
        var neo = new ScriptedNeo4j();
        await using var store = neo.Store(batchSize: 2);

        var records = await store.Sources.ReadAsync(new SourceRecordRequest([], [], [], []), CancellationToken.None);

        Assert.That(records.Accounts.Count + records.Payments.Count + records.Sessions.Count + records.Requests.Count, Is.Zero);
        Assert.That(neo.Api.Requests, Is.Empty);
    }

    [Test]
    public async Task ShouldRefuseAnEnumNameThisStoreNeverWrites()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.GetPaymentRecords, _ => TypedJson.Rows(
            ["accountId", "instrument", "kind", "bin", "issuerCountry", "firstSeenMs"], [["a", "fp-1", "CARD!", null, null, Ms]]));
        await using var store = neo.Store(batchSize: 2);

        var error = await Assert.ThrowsAsync<Neo4jException>(() => store.Sources.ReadAsync(new SourceRecordRequest([], [("a", "fp-1")], [], []), CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("CARD!"));
    }

    private static IEnumerable<string> Strings(RecordedRequest r, string name) => r.Parameter(name).EnumerateArray().Select(e => e.GetString()!);
}
