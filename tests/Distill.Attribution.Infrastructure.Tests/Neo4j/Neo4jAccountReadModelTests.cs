using Distill.Attribution.Application.Accounts;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Lookup;
using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>
/// The API's account read model on Neo4j against a scripted Query API: which statement each question uses, the
/// parameters sent, typed-value decoding (integers as strings) and the embedded store's orders and aggregation rules.
/// </summary>
public sealed class Neo4jAccountReadModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 13, 0, 0, TimeSpan.Zero);
    private static readonly long Ms = T0.ToUnixTimeMilliseconds();

    [Test]
    public async Task ShouldAssembleAccountDetailsFromTheStatementsPerSlice()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.GetAccountProfiles, r => TypedJson.Rows(
            ["accountId", "createdAtMs", "emailDomain", "orgName", "accessPathway", "country", "status"],
            Ids(r).Where(id => id is "a" or "stub").Select(id => id == "a"
                ? new object?[] { "a", Ms, "mail.example", "Org", "self_serve", "DE", "active" }
                : new object?[] { id, null, null, null, null, null, null })));
        neo.On(CypherFiles.ProjectPayments, r => TypedJson.Rows(
            ["accountId", "instrument", "kind", "bin", "issuerCountry", "firstSeenMs"],
            Ids(r).Contains("a") ? [["a", "fp-late", null, null, null, Ms + 5], ["a", "fp-b", "card", "411111", "US", Ms], ["a", "fp-a", "card", null, null, Ms]] : []));
        neo.On(CypherFiles.ProjectSessions, r => TypedJson.Rows(
            ["accountId", "ip", "seenAtMs", "asn", "asnOrg", "ipType"],
            Ids(r).Contains("a")
                ? [["a", "10.0.0.2", Ms + 60_000, 64500, "Campus", "residential"], ["a", "10.0.0.2", Ms, null, "Zeta Net", "mobile"], ["a", "10.0.0.1", Ms, null, null, null]]
                : []));
        neo.On(CypherFiles.GetRequestTotals, r => TypedJson.Rows(
            ["accountId", "requests", "inputTokens", "outputTokens", "firstMs", "lastMs"],
            Ids(r).Contains("a") ? [["a", 3L, 30L, 0L, Ms, Ms + 7_200_000]] : []));
        neo.On(CypherFiles.GetRequestBreakdown, r => TypedJson.Rows(
            ["accountId", "dimension", "value", "requests"],
            Ids(r).Contains("a")
                ? [["a", "model", "m2", 1L], ["a", "model", "m1", 2L], ["a", "model", "m0", 1L], ["a", "capability", "code", 2L], ["a", "ip", "10.0.0.2", 1L], ["a", "ip", "192.0.2.9", 2L]]
                : []));
        await using var store = neo.Store(batchSize: 2);

        var details = await store.Accounts.GetAccountsAsync(["a", "stub", "a", "missing"], CancellationToken.None);

        string[] perSlice = [CypherFiles.GetAccountProfiles, CypherFiles.ProjectPayments, CypherFiles.ProjectSessions, CypherFiles.GetRequestTotals, CypherFiles.GetRequestBreakdown];
        Assert.That(neo.Files, Is.EqualTo(perSlice.Concat(perSlice)), "three distinct ids in slices of two");
        Assert.That(neo.Statements.Select(s => string.Join(',', Ids(s.Request))).Distinct(), Is.EqualTo(new[] { "a,stub", "missing" }));
        Assert.That(details.Keys, Is.EquivalentTo(new[] { "a", "stub" }), "ids without a node are absent");

        var a = details["a"];
        Assert.That((a.CreatedAt, a.EmailDomain, a.OrgName, a.AccessPathway, a.Country, a.Status), Is.EqualTo(((DateTimeOffset?)T0, "mail.example", "Org", "self_serve", "DE", "active")));
        Assert.That(a.Payments.Select(p => p.Fingerprint), Is.EqualTo(new[] { "fp-a", "fp-b", "fp-late" }), "by first seen, then fingerprint");
        Assert.That(a.Payments[1], Is.EqualTo(new AccountPayment("fp-b", "card", "411111", "US", T0)));
        Assert.That(a.Ips, Is.EqualTo(new[]
        {
            new AccountIp("10.0.0.1", null, null, null, 1, 0, T0, T0),
            new AccountIp("10.0.0.2", 64500, "Zeta Net", "mobile", 2, 1, T0, T0.AddMinutes(1)),
            new AccountIp("192.0.2.9", null, null, null, 0, 2, null, null),
        }), "per IP: sessions counted, greatest ASN, organisation (ordinal) and IP type (by enum, mobile > residential), requests from the breakdown");
        Assert.That((a.Requests.Requests, a.Requests.InputTokens, a.Requests.OutputTokens, a.Requests.FirstRequest, a.Requests.LastRequest),
            Is.EqualTo((3L, 30L, 0L, (DateTimeOffset?)T0, (DateTimeOffset?)T0.AddHours(2))));
        Assert.That(a.Requests.ByModel, Is.EqualTo(new[] { new NamedCount("m1", 2), new NamedCount("m0", 1), new NamedCount("m2", 1) }), "most requests first, then name");
        Assert.That(a.Requests.ByCapability, Is.EqualTo(new[] { new NamedCount("code", 2) }));

        var stub = details["stub"];
        Assert.That((stub.CreatedAt, stub.AccessPathway, stub.Requests.Requests, stub.Requests.FirstRequest), Is.EqualTo(((DateTimeOffset?)null, (string?)null, 0L, (DateTimeOffset?)null)));
    }

    [TestCase(LookupKind.Ip, CypherFiles.FindAccountsByIp)]
    [TestCase(LookupKind.PaymentFingerprint, CypherFiles.FindAccountsByInstrument)]
    [TestCase(LookupKind.EmailDomain, CypherFiles.FindAccountsByEmailDomain)]
    [TestCase(LookupKind.Client, CypherFiles.FindAccountsByClient)]
    [TestCase(LookupKind.PromptFingerprint, CypherFiles.FindAccountsByPromptFingerprint)]
    public async Task ShouldLookUpEachKindWithItsOwnStatement(LookupKind kind, string file)
    {
        var neo = new ScriptedNeo4j();
        neo.On(file, _ => TypedJson.Rows(["accountId"], [["a"], ["b"]]));
        await using var store = neo.Store(batchSize: 10_000);

        var found = await store.Accounts.FindAccountsAsync(kind, "v-1", 25, CancellationToken.None);

        Assert.That(found, Is.EqualTo(new[] { "a", "b" }));
        var sent = neo.Statements.Single();
        Assert.That(sent.File, Is.EqualTo(file));
        Assert.That((sent.Request.Parameter("value").GetString(), sent.Request.Parameter("limit").GetInt32()), Is.EqualTo(("v-1", 25)));
    }

    [Test]
    public async Task ShouldDecodeActivitySpans()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.GetActivitySpans, _ => TypedJson.Rows(["accountId", "firstMs", "lastMs"], [["a", Ms, Ms + 1], ["b", 1L, 2L]]));
        await using var store = neo.Store(batchSize: 10_000);

        var spans = await store.Accounts.GetActivitySpansAsync(CancellationToken.None);

        Assert.That(spans["a"], Is.EqualTo((Ms, Ms + 1)));
        Assert.That(spans["b"], Is.EqualTo((1L, 2L)));
    }

    [Test]
    public async Task ShouldSumActivityOverSlicesAndSortLikeTheEmbeddedStore()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.GetActivity, r => TypedJson.Rows(
            ["bucketMs", "model", "capability", "requests"],
            Ids(r).Contains("a")
                ? [[Ms, "m1", "code", 2L], [Ms, "m1", null, 1L], [Ms - 3_600_000, "m2", "code", 4L]]
                : [[Ms, "m1", "code", 5L], [Ms, "m0", "code", 1L]]));
        await using var store = neo.Store(batchSize: 1);

        var buckets = await store.Accounts.GetActivityAsync(["a", "b"], ActivityGranularity.Hour, CancellationToken.None);

        Assert.That(neo.Statements.Select(s => s.Request.Parameter("bucketMs").GetInt64()), Is.All.EqualTo(3_600_000L));
        Assert.That(buckets, Is.EqualTo(new[]
        {
            new ActivityBucket(T0.AddHours(-1), "m2", "code", 4),
            new ActivityBucket(T0, "m0", "code", 1),
            new ActivityBucket(T0, "m1", null, 1),
            new ActivityBucket(T0, "m1", "code", 7),
        }));
    }

    [Test]
    public async Task ShouldAnswerSharedInfrastructureWithOneStatementPerKindOverTheWholeSet()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.GetSharedInstruments, _ => TypedJson.Rows(["value", "inside", "outside"], [["fp-1", 3L, 0L]]));
        neo.On(CypherFiles.GetSharedIps, _ => TypedJson.Rows(["value", "inside", "outside"], [["10.0.0.1", 2L, 40L]]));
        neo.On(CypherFiles.GetSharedAsns, _ => TypedJson.Rows(["asn", "asnOrg", "inside", "outside"], [[64500L, "Campus", 2L, 9L]]));
        await using var store = neo.Store(batchSize: 1);

        var shared = await store.Accounts.GetSharedInfrastructureAsync(["a", "b", "c", "a"], CancellationToken.None);

        Assert.That(neo.Files, Is.EqualTo(new[] { CypherFiles.GetSharedInstruments, CypherFiles.GetSharedIps, CypherFiles.GetSharedAsns }));
        Assert.That(neo.Statements.Select(s => string.Join(',', Ids(s.Request))), Is.All.EqualTo("a,b,c"), "not sliced: sharing spans the whole set");
        Assert.That(shared, Is.EqualTo(new[]
        {
            new SharedResource("PAYMENT_FINGERPRINT", "fp-1", null, 3, 0),
            new SharedResource("IP", "10.0.0.1", null, 2, 40),
            new SharedResource("ASN", "64500", "Campus", 2, 9),
        }));
    }

    [Test]
    public async Task ShouldRefuseAnAnswerWithTheWrongTypes()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.GetActivitySpans, _ => TypedJson.Rows(["accountId", "firstMs", "lastMs"], [[1L, Ms, Ms]]));
        await using var store = neo.Store(batchSize: 10_000);

        await Assert.ThrowsAsync<Neo4jException>(() => store.Accounts.GetActivitySpansAsync(CancellationToken.None));
    }

    private static string[] Ids(RecordedRequest r) => [.. r.Parameter("accountIds").EnumerateArray().Select(e => e.GetString()!)];
}
