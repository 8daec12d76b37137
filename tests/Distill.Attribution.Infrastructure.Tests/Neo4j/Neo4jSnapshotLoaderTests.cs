using Distill.Attribution.Domain.Records;
using Distill.Attribution.Neo4j;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>
/// The snapshot loader against a scripted server that answers the projection files from an in-memory
/// graph, with tiny pages so that every pagination path runs (keyset pages, grouped request pages, an
/// account with more requests than a page).
/// </summary>
public sealed class Neo4jSnapshotLoaderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 13, 0, 0, TimeSpan.Zero);
    private static readonly long T0Ms = T0.ToUnixTimeMilliseconds();

    // accountId, createdAtMs (null = stub), pathway, domain
    private static readonly (string Id, long? Created, string? Pathway, string? Domain)[] Accounts =
    [
        ("b", T0Ms, "education", "uni.example"),
        ("a", T0Ms - 1000, "self_serve", "mail.example"),
        ("d", T0Ms, "reseller", null),
        ("c", null, null, null),
        ("e", T0Ms, "enterprise", "mail.example"),
    ];

    // accountId, rowId, requestId, tsMs, model, ip
    private static readonly (string Account, long RowId, string RequestId, long Ts, string Model, string? Ip)[] Requests =
    [
        ("b", 5, "q5", T0Ms + 20, "m2", "10.0.0.9"),
        ("a", 1, "q1", T0Ms + 10, "m1", "10.0.0.1"),
        ("a", 2, "q0", T0Ms + 10, "m1", null),
        ("d", 7, "q7", T0Ms + 3, "m1", "10.0.0.1"),
        ("d", 8, "q8", T0Ms + 1, "m2", "10.0.0.1"),
        ("d", 9, "q9", T0Ms + 2, "m1", "10.0.0.1"),
        ("e", 11, "q11", T0Ms, "m1", null),
    ];

    // accountId, ip, seenAtMs, asn, asnOrg, ipType
    private static readonly (string Account, string Ip, long SeenAt, long? Asn, string? Org, string? Type)[] Sessions =
    [
        ("a", "10.0.0.2", T0Ms, null, null, null),
        ("a", "10.0.0.1", T0Ms + 5, null, null, "datacenter"),
        ("a", "10.0.0.1", T0Ms, 64500, "Campus", "residential"),
        ("a", "10.0.0.1", T0Ms + 3, null, null, null),
    ];

    [Test]
    public async Task ShouldProduceTheCanonicalSnapshotThroughEveryPaginationPath()
    {
        var neo = Serve();
        await using var store = neo.Store(batchSize: 2);
        var progress = new List<long>();

        var snapshot = await store.LoadSnapshotAsync(new SyncProgress(progress), CancellationToken.None);

        Assert.That(snapshot.AccountIds, Is.EqualTo(new[] { "a", "b", "c", "d", "e" }));
        Assert.That(snapshot.AccountCreatedAtMs, Is.EqualTo(new[] { T0Ms - 1000, T0Ms, long.MinValue, T0Ms, T0Ms }));
        Assert.That(snapshot.AccountPathway, Is.EqualTo(new[] { AccessPathway.SelfServe, AccessPathway.Education, AccessPathway.Other, AccessPathway.Reseller, AccessPathway.Enterprise }));
        Assert.That(snapshot.EmailDomains, Is.EqualTo(new[] { "mail.example", "uni.example" }));
        Assert.That(snapshot.AccountEmailDomain, Is.EqualTo(new[] { 0, 1, -1, -1, 0 }));

        Assert.That(snapshot.RequestOffsets, Is.EqualTo(new[] { 0, 2, 3, 3, 6, 7 }));
        // Within an account: by ts, then request id in ordinal order (q0 before q1 at the same ts).
        Assert.That(snapshot.RequestRowId, Is.EqualTo(new long[] { 2, 1, 5, 8, 9, 7, 11 }));
        Assert.That(snapshot.Models, Is.EqualTo(new[] { "m1", "m2" }));
        Assert.That(snapshot.RequestModel, Is.EqualTo(new[] { 0, 0, 1, 1, 0, 0, 0 }));
        Assert.That(snapshot.Ips, Is.EqualTo(new[] { "10.0.0.1", "10.0.0.2", "10.0.0.9" }));
        Assert.That(snapshot.RequestIp, Is.EqualTo(new[] { -1, 0, 2, 0, 0, 0, -1 }));

        Assert.That(snapshot.Instruments, Is.EqualTo(new[] { "fp-1", "fp-2" }));
        Assert.That(snapshot.PaymentAccount, Is.EqualTo(new[] { 0, 3, 3 }));
        Assert.That(snapshot.PaymentInstrument, Is.EqualTo(new[] { 0, 0, 1 }));
        Assert.That(snapshot.SessionAccount, Is.EqualTo(new[] { 0, 0 }));
        Assert.That(snapshot.SessionIp, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(snapshot.SessionCount, Is.EqualTo(new[] { 3, 1 }));
        Assert.That(snapshot.IpAsn, Is.EqualTo(new long[] { 64500, -1, -1 }));
        Assert.That(snapshot.IpKind, Is.EqualTo(new IpType?[] { IpType.Datacenter, null, null }), "the latest non-null type");
        Assert.That(snapshot.IpAsnOrg, Is.EqualTo(new string?[] { "Campus", null, null }));
        Assert.That(snapshot.SessionFirstSeenMs, Is.EqualTo(new[] { T0Ms, T0Ms }));
        Assert.That(snapshot.SessionLastSeenMs, Is.EqualTo(new[] { T0Ms + 5, T0Ms }));

        Assert.That(snapshot.Releases.Select(r => r.Model), Is.EqualTo(new[] { "m1", "m2" }));
        Assert.That(snapshot.Indicators.Select(i => i.Kind), Is.EqualTo(new[] { IndicatorKind.Ip, IndicatorKind.Asn }), "by operator, kind's enum value, value");
        Assert.That(snapshot.Releases, Is.EqualTo(new[] { new ReleaseRecord("m1", T0), new ReleaseRecord("m2", T0.AddDays(1)) }));
        Assert.That(snapshot.InputHash, Has.Length.EqualTo(64));
        Assert.That(progress, Is.Ordered.And.Not.Empty);
        Assert.That(progress[^1], Is.EqualTo(7), "progress counts requests read");

        // d has three requests, more than a page of two: it was read alone with rowId keyset pages.
        var ofAccount = neo.Statements.Where(s => s.File == CypherFiles.ProjectRequestsOfAccount).Select(s => s.Request.Parameter("after").GetInt64());
        Assert.That(ofAccount, Is.EqualTo(new long[] { -1, 8 }));
        var pages = neo.Statements.Where(s => s.File == CypherFiles.ProjectRequests).Select(s => string.Join(",", s.Request.Parameter("accountIds").EnumerateArray().Select(e => e.GetString())));
        Assert.That(pages, Is.EqualTo(new[] { "a", "b,c", "e" }));
    }

    [Test]
    public async Task ShouldGiveTheSameHashAsTheAssemblerFedInAnotherOrderWithOtherRowIds()
    {
        await using var store = Serve().Store(batchSize: 2);
        var loaded = await store.LoadSnapshotAsync(null, CancellationToken.None);

        // The same content, as another store would read it: other row ids, other arrival order, one page.
        var other = new SnapshotAssembler();
        foreach (var a in Accounts.Reverse())
        {
            other.AddAccount(a.Id, a.Created, Pathway(a.Pathway), a.Domain, null, null, null, null, null);
        }

        other.SealAccounts(0);
        foreach (var x in Sessions.Reverse())
        {
            other.AddSession(x.Account, x.Ip, x.SeenAt, x.Asn, x.Org, x.Type is null ? null : Enum.Parse<IpType>(x.Type, ignoreCase: true));
        }

        other.AddPayment("d", "fp-2", PaymentKind.Card, null, null, T0Ms);
        other.AddPayment("d", "fp-1", null, "411111", null, T0Ms);
        other.AddPayment("a", "fp-1", PaymentKind.Card, "411111", null, T0Ms);
        other.AddRequestPage([.. Requests.Reverse().Select(r => new SnapshotAssembler.RequestRow(r.Account, r.RowId + 1000, r.RequestId, r.Ts, r.Model, null, null, r.Ip, null, null, null))]);
        other.AddRelease("m2", T0.AddDays(1).ToUnixTimeMilliseconds());
        other.AddRelease("m1", T0Ms);
        other.AddIndicator(new IndicatorRecord("op-a", "Lab", IndicatorKind.Ip, "10.0.0.1", 0.9, "peer"));
        other.AddIndicator(new IndicatorRecord("op-a", "Lab", IndicatorKind.Asn, "64500", 0.3, null));

        Assert.That(other.Build().InputHash, Is.EqualTo(loaded.InputHash));
    }

    private static ScriptedNeo4j Serve()
    {
        var neo = new ScriptedNeo4j();
        neo.On(CypherFiles.ProjectAccounts, r =>
        {
            var after = r.Parameter("after").GetString()!;
            var limit = r.Parameter("limit").GetInt32();
            var page = Accounts.Where(a => string.CompareOrdinal(a.Id, after) > 0).OrderBy(a => a.Id, StringComparer.Ordinal).Take(limit);
            return TypedJson.Rows(
                ["accountId", "createdAtMs", "accessPathway", "emailDomain", "emailHash", "displayName", "orgName", "country", "status", "requests"],
                page.Select(a => new object?[] { a.Id, a.Created, a.Pathway, a.Domain, null, null, null, null, null, (long)Requests.Count(q => q.Account == a.Id) }));
        });
        neo.On(CypherFiles.ProjectPayments, r =>
        {
            var ids = Ids(r);
            (string Account, string Fp, string? Kind, string? Bin)[] payments = [("a", "fp-1", "card", "411111"), ("d", "fp-1", null, "411111"), ("d", "fp-2", "card", null)];
            return TypedJson.Rows(["accountId", "instrument", "kind", "bin", "issuerCountry", "firstSeenMs"], payments.Where(p => ids.Contains(p.Account)).Select(p => new object?[] { p.Account, p.Fp, p.Kind, p.Bin, null, T0Ms }));
        });
        neo.On(CypherFiles.ProjectSessions, r =>
        {
            var ids = Ids(r);
            return TypedJson.Rows(
                ["accountId", "ip", "seenAtMs", "asn", "asnOrg", "ipType"],
                Sessions.Where(s => ids.Contains(s.Account)).Select(s => new object?[] { s.Account, s.Ip, s.SeenAt, s.Asn, s.Org, s.Type }));
        });
        neo.On(CypherFiles.ProjectRequests, r =>
        {
            var ids = Ids(r);
            return RequestRows(Requests.Where(q => ids.Contains(q.Account)).Reverse());
        });
        neo.On(CypherFiles.ProjectRequestsOfAccount, r =>
        {
            var account = r.Parameter("accountId").GetString();
            var after = r.Parameter("after").GetInt64();
            return RequestRows(Requests.Where(q => q.Account == account && q.RowId > after).OrderBy(q => q.RowId).Take(r.Parameter("limit").GetInt32()));
        });
        neo.On(CypherFiles.ProjectReleases, _ => TypedJson.Rows(["model", "releasedAtMs"], [["m2", T0.AddDays(1).ToUnixTimeMilliseconds()], ["m1", T0Ms]]));
        neo.On(CypherFiles.ProjectIndicators, _ => TypedJson.Rows(
            ["operatorId", "operatorName", "kind", "value", "confidence", "source"],
            [["op-a", "Lab", "ip", "10.0.0.1", 0.9, "peer"], ["op-a", "Lab", "asn", "64500", 0.3, null]]));
        return neo;
    }

    private static string RequestRows(IEnumerable<(string Account, long RowId, string RequestId, long Ts, string Model, string? Ip)> rows) =>
        TypedJson.Rows(
            ["accountId", "rowId", "requestId", "tsMs", "model", "capability", "promptFingerprint", "ip", "client", "inputTokens", "outputTokens"],
            rows.Select(q => new object?[] { q.Account, q.RowId, q.RequestId, q.Ts, q.Model, null, null, q.Ip, null, null, null }));

    private static HashSet<string> Ids(RecordedRequest r) =>
        r.Parameter("accountIds").EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);

    private static AccessPathway? Pathway(string? text) => text is not null && ContractNames.TryParse(text, out AccessPathway p) ? p : null;

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this one records synchronously.</summary>
    private sealed class SyncProgress(List<long> values) : IProgress<long>
    {
        public void Report(long value) => values.Add(value);
    }
}
