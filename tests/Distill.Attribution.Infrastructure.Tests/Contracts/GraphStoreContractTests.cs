using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing.Builders;

namespace Distill.Attribution.Infrastructure.Tests.Contracts;

#pragma warning disable CA1861 // Expected values read best inline, beside the assertion; each runs once.

/// <summary>
/// What every graph store must do, whatever stands behind <see cref="IGraphStore"/>. A store passes by
/// subclassing with a factory for an empty store and a dump of its whole contents; the Neo4j store will
/// run the same scenarios.
/// </summary>
public abstract class GraphStoreContractTests
{
    private readonly List<IGraphStore> opened = [];

    /// <summary>A new, empty, migrated store, for this test only.</summary>
    protected abstract Task<IGraphStore> CreateEmptyStoreAsync();

    /// <summary>Every stored row of every table (derived tables included), in a stable textual form.</summary>
    protected abstract Task<string> DumpAsync(IGraphStore store);

    [TearDown]
    public async Task DisposeStores()
    {
        foreach (var store in opened)
        {
            await store.DisposeAsync();
        }

        opened.Clear();
        await CleanUpAsync();
    }

    /// <summary>Removes whatever the test's stores left behind, after they are disposed.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    protected async Task<IGraphStore> NewStoreAsync()
    {
        var store = await CreateEmptyStoreAsync();
        opened.Add(store);
        return store;
    }

    [Test]
    public async Task ShouldStartEmpty()
    {
        var store = await NewStoreAsync();

        var stats = await store.GetStatsAsync(CancellationToken.None);
        var snapshot = await store.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That(stats, Is.EqualTo(new StoreStats(0, 0, 0, 0, 0, 0, 0, 0)));
        Assert.That(snapshot.AccountCount, Is.Zero);
        Assert.That(snapshot.RequestCount, Is.Zero);
        Assert.That(snapshot.RequestOffsets, Is.EqualTo(new[] { 0 }));
        Assert.That(snapshot.InputHash, Has.Length.EqualTo(64));
    }

    /// <summary>
    /// What live mode's incremental snapshot relies on (<see cref="ISnapshotSource.LoadSnapshotSinceAsync"/>, decision D23), for a
    /// store that reads deltas: a stored request keeps its row key, and every request committed after a read has a larger key
    /// than any that read saw. A change to the write path that breaks this fails here.
    /// </summary>
    [Test]
    public async Task ShouldGiveRequestsCommittedAfterARead_LargerRowKeysWhenItReadsDeltas()
    {
        var store = await NewStoreAsync();
        var first = Enumerable.Range(0, 4).Select(i => new RequestRecordBuilder().WithId($"r{i}").ForAccount($"acct-{i % 2}").At(TestTime.At(i)).Build()).ToArray();
        await store.WriteBatchAsync(Batches.Of(first), CancellationToken.None);
        SnapshotCursor read;
        try
        {
            read = await store.LoadSnapshotSinceAsync(null, null, CancellationToken.None);
        }
        catch (NotSupportedException)
        {
            return; // a store that reads no deltas promises nothing about its row keys
        }

        var seen = read.Snapshot.RequestRowId;
        await store.WriteBatchAsync(Batches.Of(first[1], new RequestRecordBuilder().WithId("r4").ForAccount("acct-0").At(TestTime.At(0.5)).Build(),
            new RequestRecordBuilder().WithId("r5").ForAccount("acct-9").At(TestTime.At(9)).Build(), first[3]), CancellationToken.None);
        var now = await store.LoadSnapshotAsync(null, CancellationToken.None);
        var ids = await store.ResolveRequestIdsAsync(now.RequestRowId, CancellationToken.None);

        Assert.That(now.RequestRowId.Where(seen.Contains).Select(k => ids[k]), Is.EquivalentTo(new[] { "r0", "r1", "r2", "r3" }), "stored rows keep their keys");
        Assert.That(now.RequestRowId.Where(k => !seen.Contains(k)).Select(k => ids[k]), Is.EquivalentTo(new[] { "r4", "r5" }));
        Assert.That(now.RequestRowId.Where(k => !seen.Contains(k)), Is.All.GreaterThan(seen.Max()));
    }

    [Test]
    public async Task ShouldMigrateRepeatedlyWithoutChangingAnything()
    {
        var store = await NewStoreAsync();
        await store.WriteBatchAsync(Batches.Of(new AccountRecordBuilder().Build()), CancellationToken.None);
        var before = await DumpAsync(store);

        await store.MigrateAsync(CancellationToken.None);
        await store.MigrateAsync(CancellationToken.None);

        Assert.That(await DumpAsync(store), Is.EqualTo(before));
    }

    [Test]
    public async Task ShouldRoundTripAccountsThroughTheSnapshot()
    {
        var store = await NewStoreAsync();
        var full = new AccountRecordBuilder().WithId("acct-b").CreatedAt(TestTime.At(10)).WithEmailDomain("uni.edu")
            .WithEmailHash(new string('a', 64)).WithOrgName("Uni Lab").Via(AccessPathway.Education).InCountry("DE")
            .WithStatus(AccountStatus.Suspended).Build();
        var sparse = new AccountRecordBuilder().WithId("acct-a").CreatedAt(TestTime.At(5)).WithEmailDomain(null)
            .WithEmailHash(null).WithOrgName(null).Via(AccessPathway.Reseller).InCountry(null).WithStatus(null).Build();

        Assert.That(await store.WriteBatchAsync(Batches.Of(full, sparse), CancellationToken.None), Is.EqualTo(2));
        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That(s.AccountIds, Is.EqualTo(new[] { "acct-a", "acct-b" }), "dense ids are ranks in ordinal order");
        Assert.That(s.AccountCreatedAtMs, Is.EqualTo(new[] { TestTime.At(5).ToUnixTimeMilliseconds(), TestTime.At(10).ToUnixTimeMilliseconds() }));
        Assert.That(s.AccountPathway, Is.EqualTo(new[] { AccessPathway.Reseller, AccessPathway.Education }));
        Assert.That(s.AccountEmailDomain, Is.EqualTo(new[] { -1, 0 }));
        Assert.That(s.EmailDomains, Is.EqualTo(new[] { "uni.edu" }));
        Assert.That(s.AccountEmailHash, Is.EqualTo(new[] { -1, 0 }));
        Assert.That(s.EmailHashes, Is.EqualTo(new[] { new string('a', 64) }));
        Assert.That(s.AccountOrgName, Is.EqualTo(new[] { -1, 0 }));
        Assert.That(s.OrgNames, Is.EqualTo(new[] { "Uni Lab" }));
        Assert.That(s.AccountCountry, Is.EqualTo(new string?[] { null, "DE" }));
        Assert.That(s.AccountStatus, Is.EqualTo(new AccountStatus?[] { null, AccountStatus.Suspended }));
    }

    [Test]
    public async Task ShouldUpdateAnAccountFromALaterRowAndCountOnlyRealChanges()
    {
        var store = await NewStoreAsync();
        var first = new AccountRecordBuilder().WithId("acct-1").WithStatus(AccountStatus.Active).Build();
        var later = first with { Status = AccountStatus.Suspended, OrgName = "Renamed" };

        var inserted = await store.WriteBatchAsync(Batches.Of(first), CancellationToken.None);
        var updated = await store.WriteBatchAsync(Batches.Of(later), CancellationToken.None);
        var unchanged = await store.WriteBatchAsync(Batches.Of(later), CancellationToken.None);
        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That((inserted, updated, unchanged), Is.EqualTo((1, 1, 0)));
        Assert.That(s.AccountStatus, Is.EqualTo(new AccountStatus?[] { AccountStatus.Suspended }));
        Assert.That(s.OrgNames[s.AccountOrgName[0]], Is.EqualTo("Renamed"));
        Assert.That((await store.GetStatsAsync(CancellationToken.None)).Accounts, Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldKeepTheEarliestSightingOfAPaymentInstrument()
    {
        var store = await NewStoreAsync();
        var payment = new PaymentRecordBuilder().ForAccount("acct-1").WithInstrument("fp-1");
        var late = payment.FirstSeen(TestTime.At(100)).OfKind(PaymentKind.Wallet).WithBin("555555").Build();
        var early = payment.FirstSeen(TestTime.At(50)).OfKind(PaymentKind.Card).WithBin("424242").Build();
        var other = new PaymentRecordBuilder().ForAccount("acct-0").WithInstrument("fp-2").FirstSeen(TestTime.At(7)).OfKind(null).WithBin(null).Build();

        await store.WriteBatchAsync(Batches.Of(late), CancellationToken.None);
        await store.WriteBatchAsync(Batches.Of(early, other), CancellationToken.None);
        var unchanged = await store.WriteBatchAsync(Batches.Of(late), CancellationToken.None);
        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That(unchanged, Is.Zero);
        Assert.That(s.AccountIds, Is.EqualTo(new[] { "acct-0", "acct-1" }));
        Assert.That(s.Instruments, Is.EqualTo(new[] { "fp-1", "fp-2" }));
        Assert.That(s.PaymentAccount, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(s.PaymentInstrument, Is.EqualTo(new[] { 1, 0 }));
        Assert.That(s.PaymentKind, Is.EqualTo(new PaymentKind?[] { null, PaymentKind.Card }));
        Assert.That(s.PaymentBin, Is.EqualTo(new string?[] { null, "424242" }));
        Assert.That(s.PaymentFirstSeenMs, Is.EqualTo(new[] { TestTime.At(7).ToUnixTimeMilliseconds(), TestTime.At(50).ToUnixTimeMilliseconds() }));
        Assert.That((await store.GetStatsAsync(CancellationToken.None)).Payments, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldAggregateSessionsPerAccountAndIpAndKeepTheLatestIpAttributes()
    {
        var store = await NewStoreAsync();
        var session = new SessionRecordBuilder().ForAccount("acct-1").FromIp("198.51.100.1");
        await store.WriteBatchAsync(Batches.Of(
            session.SeenAt(TestTime.At(30)).WithAsn(null, null).OfType(IpType.Proxy).Build(),
            session.SeenAt(TestTime.At(10)).WithAsn(64501, "Old Org").OfType(IpType.Residential).Build(),
            session.SeenAt(TestTime.At(20)).WithAsn(64502, "New Org").OfType(null).Build(),
            new SessionRecordBuilder().ForAccount("acct-0").FromIp("2001:db8::1").SeenAt(TestTime.At(5)).WithAsn(null, null).OfType(null).Build()),
            CancellationToken.None);
        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That(s.Ips, Is.EqualTo(new[] { "198.51.100.1", "2001:db8::1" }));
        Assert.That(s.SessionAccount, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(s.SessionIp, Is.EqualTo(new[] { 1, 0 }));
        Assert.That(s.SessionCount, Is.EqualTo(new[] { 1, 3 }));
        Assert.That(s.SessionFirstSeenMs, Is.EqualTo(new[] { TestTime.At(5).ToUnixTimeMilliseconds(), TestTime.At(10).ToUnixTimeMilliseconds() }));
        Assert.That(s.SessionLastSeenMs, Is.EqualTo(new[] { TestTime.At(5).ToUnixTimeMilliseconds(), TestTime.At(30).ToUnixTimeMilliseconds() }));
        Assert.That(s.IpAsn, Is.EqualTo(new long[] { 64502, -1 }), "latest non-null asn");
        Assert.That(s.IpAsnOrg, Is.EqualTo(new string?[] { "New Org", null }));
        Assert.That(s.IpKind, Is.EqualTo(new IpType?[] { IpType.Proxy, null }));
        Assert.That(s.AccountCreatedAtMs, Is.All.EqualTo(long.MinValue), "accounts known only from sessions have no creation time");
        Assert.That((await store.GetStatsAsync(CancellationToken.None)).Sessions, Is.EqualTo(4));
    }

    [Test]
    public async Task ShouldProjectRequestsAsCsrSortedByAccountThenTime()
    {
        var store = await NewStoreAsync();
        var r = new RequestRecordBuilder();
        await store.WriteBatchAsync(Batches.Of(
            r.WithId("q3").ForAccount("acct-b").At(TestTime.At(3)).ToModel("m-2").WithCapability("chat").WithPromptFingerprint("pf-x").FromIp("10.0.0.2").WithClient("curl").WithTokens(3, 30).Build(),
            r.WithId("q1").ForAccount("acct-b").At(TestTime.At(1)).ToModel("m-1").WithCapability(null).WithPromptFingerprint(null).FromIp(null).WithClient(null).WithTokens(null, null).Build(),
            r.WithId("q2").ForAccount("acct-a").At(TestTime.At(2)).ToModel("m-2").WithCapability("reasoning_cot").WithPromptFingerprint("pf-x").FromIp("10.0.0.1").WithClient("curl").WithTokens(2, 20).Build()),
            CancellationToken.None);
        await store.WriteBatchAsync(Batches.Of(new ReleaseRecord("m-0", TestTime.At(0))), CancellationToken.None);
        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That(s.AccountIds, Is.EqualTo(new[] { "acct-a", "acct-b" }));
        Assert.That(s.RequestOffsets, Is.EqualTo(new[] { 0, 1, 3 }));
        Assert.That(s.RequestTsMs, Is.EqualTo(new[] { 2, 1, 3 }.Select(t => TestTime.At(t).ToUnixTimeMilliseconds())));
        Assert.That(s.Models, Is.EqualTo(new[] { "m-0", "m-1", "m-2" }), "release models are named too");
        Assert.That(s.RequestModel, Is.EqualTo(new[] { 2, 1, 2 }));
        Assert.That(s.Capabilities, Is.EqualTo(new[] { "chat", "reasoning_cot" }));
        Assert.That(s.RequestCapability, Is.EqualTo(new[] { 1, -1, 0 }));
        Assert.That(s.PromptFingerprints, Is.EqualTo(new[] { "pf-x" }));
        Assert.That(s.RequestPromptFingerprint, Is.EqualTo(new[] { 0, -1, 0 }));
        Assert.That(s.Ips, Is.EqualTo(new[] { "10.0.0.1", "10.0.0.2" }));
        Assert.That(s.RequestIp, Is.EqualTo(new[] { 0, -1, 1 }));
        Assert.That(s.IpAsn, Is.EqualTo(new long[] { -1, -1 }), "no session named these ips");
        Assert.That(s.Clients, Is.EqualTo(new[] { "curl" }));
        Assert.That(s.RequestClient, Is.EqualTo(new[] { 0, -1, 0 }));
        var ids = await store.ResolveRequestIdsAsync(s.RequestRowId, CancellationToken.None);
        Assert.That(s.RequestRowId.Select(id => ids[id]), Is.EqualTo(new[] { "q2", "q1", "q3" }));
    }

    [Test]
    public async Task ShouldSortRequestsWithEqualTimestampsStablyAndSpanBatches()
    {
        var store = await NewStoreAsync();
        var r = new RequestRecordBuilder().ForAccount("acct-1");
        await store.WriteBatchAsync(Batches.Of(r.WithId("late").At(TestTime.At(9)).Build(), r.WithId("tie-1").At(TestTime.At(4)).Build()), CancellationToken.None);
        await store.WriteBatchAsync(Batches.Of(r.WithId("tie-2").At(TestTime.At(4)).Build(), r.WithId("early").At(TestTime.At(1)).Build()), CancellationToken.None);

        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);
        var ids = await store.ResolveRequestIdsAsync(s.RequestRowId, CancellationToken.None);

        Assert.That(s.RequestRowId.Select(id => ids[id]), Is.EqualTo(new[] { "early", "tie-1", "tie-2", "late" }));
        Assert.That(s.RequestTsMs, Is.Ordered);
    }

    [Test]
    public async Task ShouldIgnoreADuplicateRequestIdEvenWithOtherContent()
    {
        var store = await NewStoreAsync();
        var first = new RequestRecordBuilder().WithId("q-1").ToModel("m-1").Build();

        var added = await store.WriteBatchAsync(Batches.Of(first, first with { Model = "m-other", AccountId = "acct-other" }), CancellationToken.None);
        var again = await store.WriteBatchAsync(Batches.Of(first), CancellationToken.None);
        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That((added, again), Is.EqualTo((1, 0)));
        Assert.That(s.RequestCount, Is.EqualTo(1));
        Assert.That(s.Models, Is.EqualTo(new[] { "m-1" }), "a string seen only in an ignored row is not in the snapshot");
        Assert.That(s.AccountIds, Is.EqualTo(new[] { "acct-1" }));
    }

    [Test]
    public async Task ShouldKeepTheEarliestReleaseOfAModel()
    {
        var store = await NewStoreAsync();

        await store.WriteBatchAsync(Batches.Of(new ReleaseRecord("m-2", TestTime.At(50)), new ReleaseRecord("m-1", TestTime.At(9))), CancellationToken.None);
        await store.WriteBatchAsync(Batches.Of(new ReleaseRecord("m-2", TestTime.At(40)), new ReleaseRecord("m-1", TestTime.At(60))), CancellationToken.None);
        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That(s.Releases, Is.EqualTo(new[] { new ReleaseRecord("m-1", TestTime.At(9)), new ReleaseRecord("m-2", TestTime.At(40)) }));
        Assert.That(s.Releases.Select(r => r.ReleasedAt.Offset), Is.All.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task ShouldUpdateAnIndicatorFromALaterRow()
    {
        var store = await NewStoreAsync();
        var weak = new IndicatorRecordBuilder().ForOperator("op-a", "Lab").Matching(IndicatorKind.Asn, "64500").WithConfidence(0.2).Build();
        var other = new IndicatorRecordBuilder().ForOperator("op-a").Matching(IndicatorKind.EmailDomain, "x.example").WithConfidence(0.9).FromSource(null).Build();

        await store.WriteBatchAsync(Batches.Of(weak, other), CancellationToken.None);
        var changed = await store.WriteBatchAsync(Batches.Of(weak with { Confidence = 0.7, Source = "re-rated" }), CancellationToken.None);
        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That(changed, Is.EqualTo(1));
        Assert.That(s.Indicators, Is.EqualTo(new[] { other, weak with { Confidence = 0.7, Source = "re-rated" } }), "ordered by operator, kind, value");
        Assert.That((await store.GetStatsAsync(CancellationToken.None)).Indicators, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldLeaveIdenticalContentsWhenTheSameBatchesAreIngestedTwice()
    {
        var store = await NewStoreAsync();
        var batches = SampleBatches();
        var firstCounts = new List<int>();
        foreach (var batch in batches)
        {
            firstCounts.Add(await store.WriteBatchAsync(batch, CancellationToken.None));
        }

        var dump = await DumpAsync(store);
        var snapshot = await store.LoadSnapshotAsync(null, CancellationToken.None);
        var secondCounts = new List<int>();
        foreach (var batch in batches)
        {
            secondCounts.Add(await store.WriteBatchAsync(batch, CancellationToken.None));
        }

        Assert.That(firstCounts, Has.All.GreaterThan(0));
        Assert.That(secondCounts, Has.All.Zero);
        Assert.That(await DumpAsync(store), Is.EqualTo(dump));
        Assert.That(SnapshotText(await store.LoadSnapshotAsync(null, CancellationToken.None), withRowIds: true), Is.EqualTo(SnapshotText(snapshot, withRowIds: true)));
    }

    [Test]
    public async Task ShouldLeaveTheStoreUnchangedWhenABatchFailsHalfway()
    {
        var store = await NewStoreAsync();
        foreach (var batch in SampleBatches())
        {
            await store.WriteBatchAsync(batch, CancellationToken.None);
        }

        var before = await DumpAsync(store);
        var hash = (await store.LoadSnapshotAsync(null, CancellationToken.None)).InputHash;
        var rows = Enumerable.Range(0, 5000)
            .Select(i => new RequestRecordBuilder().WithId($"new-{i}").ForAccount($"new-acct-{i % 7}").ToModel($"new-model-{i % 3}").Build())
            .ToList();
        rows.Insert(4000, rows[0] with { RequestId = "poison", AccountId = null! });

        Assert.That(async () => await store.WriteBatchAsync(Batches.Of([.. rows]), CancellationToken.None), Throws.Exception);
        Assert.That(await DumpAsync(store), Is.EqualTo(before));
        Assert.That((await store.LoadSnapshotAsync(null, CancellationToken.None)).InputHash, Is.EqualTo(hash));

        // The store still works, and names the strings of the failed batch correctly when they come back.
        rows.RemoveAt(4000);
        Assert.That(await store.WriteBatchAsync(Batches.Of([.. rows]), CancellationToken.None), Is.EqualTo(5000));
        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);
        var ids = await store.ResolveRequestIdsAsync(s.RequestRowId, CancellationToken.None);
        var account = Array.IndexOf(s.AccountIds, "new-acct-3");
        for (var p = s.RequestOffsets[account]; p < s.RequestOffsets[account + 1]; p++)
        {
            var i = int.Parse(ids[s.RequestRowId[p]].AsSpan(4), System.Globalization.CultureInfo.InvariantCulture);
            Assert.That((i % 7, s.Models[s.RequestModel[p]]), Is.EqualTo((3, $"new-model-{i % 3}")));
        }
    }

    [Test]
    public async Task ShouldLandABatchWholeOrNotAtAllWhenCancelledMidway()
    {
        var store = await NewStoreAsync();
        await store.WriteBatchAsync(Batches.Of(new RequestRecordBuilder().WithId("existing").Build()), CancellationToken.None);
        var before = await DumpAsync(store);
        var rows = Enumerable.Range(0, 200_000).Select(i => new RequestRecordBuilder().WithId($"c-{i}").ForAccount($"a-{i % 100}").Build()).ToArray();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(30));

        int? written = null;
        try
        {
            written = await store.WriteBatchAsync(Batches.Of(rows), cancel.Token);
        }
        catch (OperationCanceledException)
        {
        }

        var stats = await store.GetStatsAsync(CancellationToken.None);
        if (written is null)
        {
            Assert.That(await DumpAsync(store), Is.EqualTo(before));
        }
        else
        {
            Assert.That(stats.Requests, Is.EqualTo(200_001));
        }
    }

    [Test]
    public async Task ShouldCountEveryRecordTypeInStats()
    {
        var store = await NewStoreAsync();
        foreach (var batch in SampleBatches())
        {
            await store.WriteBatchAsync(batch, CancellationToken.None);
        }

        var stats = await store.GetStatsAsync(CancellationToken.None);

        Assert.That(stats, Is.EqualTo(new StoreStats(Accounts: 3, Payments: 2, Sessions: 3, Requests: 4, Releases: 2, Indicators: 2, Runs: 0, Clusters: 0)));
    }

    [Test]
    public async Task ShouldGiveTheSameSnapshotAndHashForTheSameContentsInAnyIngestOrder()
    {
        var forward = await NewStoreAsync();
        var backward = await NewStoreAsync();
        var batches = SampleBatches();
        foreach (var batch in batches)
        {
            await forward.WriteBatchAsync(batch, CancellationToken.None);
        }

        foreach (var batch in Enumerable.Reverse(batches))
        {
            await backward.WriteBatchAsync(Reversed(batch), CancellationToken.None);
        }

        var a = await forward.LoadSnapshotAsync(null, CancellationToken.None);
        var b = await backward.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That(b.InputHash, Is.EqualTo(a.InputHash));
        Assert.That(SnapshotText(b, withRowIds: false), Is.EqualTo(SnapshotText(a, withRowIds: false)));
    }

    [TestCaseSource(nameof(OneRowChanges))]
    public async Task ShouldChangeTheHashWhenAnyRowChanges(string change, IngestBatch extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var store = await NewStoreAsync();
        foreach (var batch in SampleBatches())
        {
            await store.WriteBatchAsync(batch, CancellationToken.None);
        }

        var before = (await store.LoadSnapshotAsync(null, CancellationToken.None)).InputHash;

        await store.WriteBatchAsync(extra, CancellationToken.None);
        var after = (await store.LoadSnapshotAsync(null, CancellationToken.None)).InputHash;

        Assert.That(after, Is.Not.EqualTo(before), change);
    }

    [Test]
    public async Task ShouldReportProgressWhileLoadingTheSnapshot()
    {
        var store = await NewStoreAsync();
        await store.WriteBatchAsync(Batches.Of(new RequestRecordBuilder().Build()), CancellationToken.None);
        var reported = new List<long>();

        await store.LoadSnapshotAsync(new SynchronousProgress(reported), CancellationToken.None);

        Assert.That(reported, Is.Not.Empty);
        Assert.That(reported[^1], Is.EqualTo(1));
    }

    [Test]
    public async Task ShouldResolveOnlyRequestRowIdsThatExist()
    {
        var store = await NewStoreAsync();
        await store.WriteBatchAsync(Batches.Of(new RequestRecordBuilder().WithId("q-7").Build()), CancellationToken.None);
        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);

        var resolved = await store.ResolveRequestIdsAsync([s.RequestRowId[0], s.RequestRowId[0] + 1000], CancellationToken.None);

        Assert.That(resolved, Is.EquivalentTo(new Dictionary<long, string> { [s.RequestRowId[0]] = "q-7" }));
    }

    private static IEnumerable<TestCaseData> OneRowChanges()
    {
        var sample = SampleBatches();
        yield return new TestCaseData("account field", Batches.Of(sample[0].Accounts[0] with { DisplayName = "Changed" }));
        yield return new TestCaseData("earlier payment", Batches.Of(sample[1].Payments[0] with { FirstSeen = TestTime.At(-1) }));
        yield return new TestCaseData("new session", Batches.Of(sample[2].Sessions[0] with { SeenAt = TestTime.At(999) }));
        yield return new TestCaseData("new request", Batches.Of(sample[3].Requests[0] with { RequestId = "brand-new" }));
        yield return new TestCaseData("earlier release", Batches.Of(sample[4].Releases[1] with { ReleasedAt = TestTime.At(-5) }));
        yield return new TestCaseData("indicator confidence", Batches.Of(sample[5].Indicators[0] with { Confidence = 0.01 }));
    }

    /// <summary>A little of every record type, each batch with at least one row.</summary>
    protected static IReadOnlyList<IngestBatch> SampleBatches() =>
    [
        Batches.Of(
            new AccountRecordBuilder().WithId("acct-1").Via(AccessPathway.Education).Build(),
            new AccountRecordBuilder().WithId("acct-2").WithOrgName("Startup").Via(AccessPathway.StartupProgram).Build(),
            new AccountRecordBuilder().WithId("acct-3").WithEmailDomain("corp.example").Build()),
        Batches.Of(
            new PaymentRecordBuilder().ForAccount("acct-1").WithInstrument("fp-shared").Build(),
            new PaymentRecordBuilder().ForAccount("acct-2").WithInstrument("fp-shared").FirstSeen(TestTime.At(60)).Build()),
        Batches.Of(
            new SessionRecordBuilder().ForAccount("acct-1").FromIp("198.51.100.9").SeenAt(TestTime.At(1)).Build(),
            new SessionRecordBuilder().ForAccount("acct-2").FromIp("198.51.100.9").SeenAt(TestTime.At(2)).OfType(IpType.Datacenter).Build(),
            new SessionRecordBuilder().ForAccount("acct-2").FromIp("2001:db8::7").SeenAt(TestTime.At(3)).Build()),
        Batches.Of(
            new RequestRecordBuilder().WithId("r-1").ForAccount("acct-1").At(TestTime.At(5)).Build(),
            new RequestRecordBuilder().WithId("r-2").ForAccount("acct-2").At(TestTime.At(5)).ToModel("model-b").WithCapability("rubric_grading").Build(),
            new RequestRecordBuilder().WithId("r-3").ForAccount("acct-2").At(TestTime.At(6)).FromIp(null).WithTokens(null, 7).Build(),
            new RequestRecordBuilder().WithId("r-4").ForAccount("acct-4").At(TestTime.At(7)).WithClient("harness/2").Build()),
        Batches.Of(new ReleaseRecord("model-a", TestTime.At(-100)), new ReleaseRecord("model-b", TestTime.At(0))),
        Batches.Of(
            new IndicatorRecordBuilder().Build(),
            new IndicatorRecordBuilder().Matching(IndicatorKind.Ip, "198.51.100.9").WithConfidence(0.1).Build()),
    ];

    private static IngestBatch Reversed(IngestBatch batch) => new()
    {
        Kind = batch.Kind,
        Source = batch.Source,
        Accounts = [.. batch.Accounts.Reverse()],
        Payments = [.. batch.Payments.Reverse()],
        Sessions = [.. batch.Sessions.Reverse()],
        Requests = [.. batch.Requests.Reverse()],
        Releases = [.. batch.Releases.Reverse()],
        Indicators = [.. batch.Indicators.Reverse()],
    };

    /// <summary>The whole snapshot as JSON; row ids are store keys that depend on ingest order, so they can be left out.</summary>
    protected static string SnapshotText(DetectionSnapshot snapshot, bool withRowIds)
    {
        var node = JsonSerializer.SerializeToNode(snapshot)!.AsObject();
        if (!withRowIds)
        {
            node.Remove(nameof(DetectionSnapshot.RequestRowId));
        }

        return node.ToJsonString();
    }

    /// <summary>Records reports as they happen (<see cref="Progress{T}"/> posts them later, to the thread pool).</summary>
    private sealed class SynchronousProgress(List<long> reported) : IProgress<long>
    {
        public void Report(long value) => reported.Add(value);
    }
}
