using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Live;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Testing.Builders;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>
/// Live mode's incremental snapshot (decision D23): after any sequence of batches, the snapshot built from the previous one
/// and the rows the store gained equals, column by column, a full read of the same store then the window's cut; and a full
/// read is the same whether its other tables are read beside the request scan or after it, and falls back to reading them
/// itself when an ingest commits between its two connections' first reads (D36).
/// </summary>
public sealed class SqliteSnapshotDeltaTests
{
    private static readonly TimeSpan?[] Windows = [null, TimeSpan.FromDays(1), TimeSpan.FromDays(3)];
    private readonly List<string> paths = [];

    [TearDown]
    public void DeleteFiles()
    {
        foreach (var path in paths)
        {
            TempDatabase.Delete(path);
        }

        paths.Clear();
    }

    /// <summary>
    /// Random batches (seeded, so a failure names its case): new accounts whose ids sort between the known ones, account rows
    /// updated in place, payments seen earlier, sessions with new ASN facts, new IPs, templates, models and clients, duplicate
    /// requests and sessions (ignored by ingest), requests arriving late and out of time order, new releases and indicators,
    /// and a window that drops old rows.
    /// </summary>
    [Test]
    public async Task ShouldEqualAFullReadAfterEveryBatch([Range(1, 24)] int seed)
    {
        var random = new Random(seed);
        var window = Windows[seed % Windows.Length];
        var store = await OpenAsync();
        await using var _ = store;
        var world = new RandomWorld(random);
        SnapshotCursor? cursor = null;
        var batches = random.Next(3, 7);
        for (var b = 0; b < batches; b++)
        {
            foreach (var batch in world.NextBatch(b))
            {
                await store.WriteBatchAsync(batch, CancellationToken.None);
            }

            if (random.Next(2) == 0)
            {
                await store.CompleteAsync(CancellationToken.None); // else some requests stay past the aggregates' watermark
            }

            cursor = await store.LoadSnapshotSinceAsync(cursor, window, CancellationToken.None);
            var full = await FullAsync(store, window);
            Assert.That(SnapshotComparer.Differences(full, cursor.Snapshot), Is.Empty, $"seed {seed}, batch {b}, window {window}: {cursor.How}");
            Assert.That(cursor.Full, Is.EqualTo(b == 0), cursor.How);

            // A full read takes its tables other than requests on a second connection beside its scan (decision D36): the
            // same snapshot as on one connection, and each account holds exactly the distinct requests written for it.
            // The second connection also reads ranges of the requests once it has read those tables.
            var (beside, besideUsed) = Read(store.Path, sibling: true);
            var (alone, aloneUsed) = Read(store.Path, sibling: false);
            var bothTake = alone.RequestRowId.Length >= 2;
            var (shared, sharedUsed, rowsBeside) = ReadWithScanShared(store.Path, bothTake);
            Assert.That((besideUsed, aloneUsed, sharedUsed), Is.EqualTo((true, false, true)), $"seed {seed}, batch {b}");
            Assert.That(SnapshotComparer.Differences(alone, beside), Is.Empty, $"seed {seed}, batch {b}");
            Assert.That(SnapshotComparer.Differences(alone, shared), Is.Empty, $"seed {seed}, batch {b}, scan shared");
            // With fewer than two rows there is at most one range: which connection takes it is up to the scheduler.
            Assert.That(rowsBeside, bothTake ? Is.InRange(1, alone.RequestRowId.Length - 1) : Is.InRange(0, alone.RequestRowId.Length),
                $"seed {seed}, batch {b}: rows the second connection read");
            var written = world.Written.DistinctBy(r => r.RequestId).CountBy(r => r.AccountId).ToDictionary(StringComparer.Ordinal);
            for (var a = 0; a < beside.AccountCount; a++)
            {
                Assert.That(beside.RequestOffsets[a + 1] - beside.RequestOffsets[a], Is.EqualTo(written.GetValueOrDefault(beside.AccountIds[a])), $"seed {seed}, batch {b}, {beside.AccountIds[a]}");
            }
        }
    }

    [Test]
    public async Task ShouldReadOnlyTheNewRowsAndKeepTheirRowKeys()
    {
        var store = await OpenAsync();
        await using var _ = store;
        var first = Enumerable.Range(0, 3).Select(i => Request($"r{i}", "acct-m", i)).ToArray();
        await store.WriteBatchAsync(Batches.Of(first), CancellationToken.None);
        var before = await store.LoadSnapshotSinceAsync(null, null, CancellationToken.None);
        var lastKey = before.Snapshot.RequestRowId.Max();

        // Two repeats (ignored by ingest) and three new rows, one of an account that sorts first.
        await store.WriteBatchAsync(Batches.Of(first[0], first[2], Request("r3", "acct-a", 10), Request("r4", "acct-m", 1.5), Request("r5", "acct-z", 11)), CancellationToken.None);
        var after = await store.LoadSnapshotSinceAsync(before, null, CancellationToken.None);
        var ids = await store.ResolveRequestIdsAsync(after.Snapshot.RequestRowId, CancellationToken.None);
        var keyOf = after.Snapshot.RequestRowId.ToDictionary(k => ids[k], k => k, StringComparer.Ordinal);

        Assert.That(after.Full, Is.False, after.How);
        Assert.That(after.How, Does.StartWith("delta +3 requests, +2 accounts"));
        Assert.That(SnapshotComparer.Differences(await FullAsync(store, null), after.Snapshot), Is.Empty);
        Assert.That(new[] { "r0", "r1", "r2" }.Select(r => keyOf[r]), Is.EqualTo(before.Snapshot.RequestRowId.Order()), "stored rows keep their keys");
        Assert.That(new[] { "r3", "r4", "r5" }.Select(r => keyOf[r]), Is.All.GreaterThan(lastKey), "rows committed after a read have larger keys");
        Assert.That(after.Snapshot.AccountIds, Is.EqualTo(new[] { "acct-a", "acct-m", "acct-z" }));
    }

    [Test]
    public async Task ShouldReadInFullWhenARequestRowGetsAKeyBelowTheLastOneRead()
    {
        var store = await OpenAsync();
        await using var _ = store;
        await store.WriteBatchAsync(Batches.Of(Request("r0", "acct-1", 0), Request("r1", "acct-1", 1)), CancellationToken.None);
        await store.CompleteAsync(CancellationToken.None);
        // Renumber the rows upwards before the read and back after it: the next row written gets a key below the last one read,
        // as a writer that gave keys out of commit order would.
        Execute(store.Path, "UPDATE requests SET id = id + 100; UPDATE aggregate_watermark SET requests_upto = requests_upto + 100");
        var before = await store.LoadSnapshotSinceAsync(null, null, CancellationToken.None);
        Execute(store.Path, "UPDATE requests SET id = id - 100; UPDATE aggregate_watermark SET requests_upto = requests_upto - 100");
        await store.WriteBatchAsync(Batches.Of(Request("r2", "acct-1", 2)), CancellationToken.None);

        var after = await store.LoadSnapshotSinceAsync(before, null, CancellationToken.None);

        Assert.That(after.Full, Is.True);
        Assert.That(after.How, Does.Contain("gained 1 rows, 0 of them past the last row id read"));
        Assert.That(SnapshotComparer.Differences(await FullAsync(store, null), after.Snapshot), Is.Empty);
    }

    [Test]
    public async Task ShouldReadInFullWhenADictionaryWasRewrittenOrTheCursorIsOfAnotherStoreOrWindow()
    {
        var store = await OpenAsync();
        await using var _ = store;
        var other = await OpenAsync();
        await using var __ = other;
        await store.WriteBatchAsync(Batches.Of(Request("r0", "acct-1", 0)), CancellationToken.None);
        await other.WriteBatchAsync(Batches.Of(Request("r0", "acct-1", 0)), CancellationToken.None);
        var cursor = await store.LoadSnapshotSinceAsync(null, null, CancellationToken.None);

        var elsewhere = await other.LoadSnapshotSinceAsync(cursor, null, CancellationToken.None);
        var windowed = await store.LoadSnapshotSinceAsync(cursor, TimeSpan.FromDays(1), CancellationToken.None);
        Execute(store.Path, "UPDATE models SET value = 'model-renamed'");
        var rewritten = await store.LoadSnapshotSinceAsync(cursor, null, CancellationToken.None);

        Assert.That(elsewhere.How, Is.EqualTo("full read: the previous snapshot is of another store"));
        Assert.That(windowed.How, Is.EqualTo("full read: the window changed"));
        Assert.That(rewritten.How, Is.EqualTo("full read: dictionary models no longer holds what was read"));
        Assert.That(rewritten.Snapshot.Models, Is.EqualTo(new[] { "model-renamed" }));
    }

    [Test]
    public async Task ShouldHandTheDeltaToDetectionThroughTheWindowedSource()
    {
        var store = await OpenAsync();
        await using var _ = store;
        var source = new WindowedSnapshotSource(store, TimeSpan.FromDays(1)) { CheckDeltas = true };
        await store.WriteBatchAsync(Batches.Of(Request("r0", "acct-1", 0)), CancellationToken.None);
        await source.LoadSnapshotAsync(null, CancellationToken.None);
        await store.WriteBatchAsync(Batches.Of(Request("r1", "acct-2", 3 * 86_400)), CancellationToken.None);
        var second = await source.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That(source.LastHow, Does.StartWith("delta +1 requests, +1 accounts, +1 names (new rows ").And.EndWith(" (checked against a full read: equal)"));
        Assert.That(second.RequestCount, Is.EqualTo(1), "r0 left the window");
        Assert.That(second.AccountIds, Is.EqualTo(new[] { "acct-1", "acct-2" }), "accounts stay");
    }

    [Test]
    public async Task ShouldReadTheRestAfterTheScanWhenAWriterCommitsBeforeTheSecondConnectionReads()
    {
        var store = await OpenWithTwoRequestAccountsAsync();
        await using var _ = store;
        var path = store.Path;
        await store.WriteBatchAsync(Batches.Of(new AccountRecordBuilder().WithId("acct-a").Build()), CancellationToken.None);
        var (before, _) = Read(path, sibling: false);

        // Between the reader's first read and the second connection's, an ingest updates an account in place (no new key).
        var (snapshot, besideUsed) = Read(path, sibling: true, beforeSibling: Commit(store, new AccountRecordBuilder().WithId("acct-b").WithOrgName("org-b").Build()));
        var (now, nowBeside) = Read(path, sibling: true);

        Assert.That(besideUsed, Is.False, "the second connection read other contents");
        Assert.That(SnapshotComparer.Differences(before, snapshot), Is.Empty, "the reader's own state, from its own connection");
        Assert.That((nowBeside, now.OrgNames), Is.EqualTo((true, new[] { "org-b" })));
    }

    /// <summary>Text comes back as it went in, beyond ASCII too (two-, three- and four-byte UTF-8), on both connections.</summary>
    [Test]
    public async Task ShouldReadTextBeyondAsciiAsItWasWritten()
    {
        var store = await OpenAsync();
        await using var _ = store;
        const string id = "acct-é-日本-😀", org = "Société Générale ÄÖÜ 😀", name = "Zoë 山田";
        await store.WriteBatchAsync(Batches.Of(new AccountRecordBuilder().WithId(id).WithOrgName(org).WithDisplayName(name).Build()), CancellationToken.None);
        await store.WriteBatchAsync(Batches.Of(Request("r0", id, 0)), CancellationToken.None);

        foreach (var sibling in new[] { false, true })
        {
            var (snapshot, _) = Read(store.Path, sibling);
            Assert.That((snapshot.AccountIds, snapshot.OrgNames, snapshot.DisplayNames),
                Is.EqualTo((new[] { id }, new[] { org }, new[] { name })), $"second connection: {sibling}");
        }
    }

    /// <summary>Likewise when the commit adds a key: an account that sorts before every account read so far.</summary>
    [Test]
    public async Task ShouldReadTheRestAfterTheScanWhenADictionaryGrowsBeforeTheSecondConnectionReads()
    {
        var store = await OpenWithTwoRequestAccountsAsync();
        await using var _ = store;
        var (before, _) = Read(store.Path, sibling: false);

        var (snapshot, besideUsed) = Read(store.Path, sibling: true, beforeSibling: Commit(store, new AccountRecordBuilder().WithId("acct-0").Build()));

        Assert.That(besideUsed, Is.False);
        Assert.That(SnapshotComparer.Differences(before, snapshot), Is.Empty);
    }

    /// <summary>A full read of the store at <paramref name="path"/>, with or without a second connection (opened after <paramref name="beforeSibling"/>).</summary>
    private static (DetectionSnapshot Snapshot, bool RestReadBeside) Read(string path, bool sibling, Action? beforeSibling = null)
    {
        var options = new SqliteStoreOptions { Path = path };
        using var db = SqliteConnections.OpenForOneThread(options);
        SqliteConnections.Execute(db, "BEGIN DEFERRED");
        Func<SQLitePCL.sqlite3>? open = null;
        if (sibling)
        {
            open = () =>
            {
                beforeSibling?.Invoke();
                return SqliteConnections.OpenForOneThread(options);
            };
        }

        var reader = new SqliteSnapshotReader(db, null, CancellationToken.None, open);
        var snapshot = reader.Read();
        return (snapshot, reader.RestReadBeside);
    }

    /// <summary>
    /// A full read with a second connection that shares the request scan: when the table's row ids span two ranges or more,
    /// each connection holds its first range until the other has taken one, so both read and place rows.
    /// </summary>
    private static (DetectionSnapshot Snapshot, bool RestReadBeside, long RowsBeside) ReadWithScanShared(string path, bool bothTake)
    {
        var options = new SqliteStoreOptions { Path = path };
        using var db = SqliteConnections.OpenForOneThread(options);
        SqliteConnections.Execute(db, "BEGIN DEFERRED");
        using var firstTook = new ManualResetEventSlim();
        using var secondTook = new ManualResetEventSlim();
        var reader = new SqliteSnapshotReader(db, null, CancellationToken.None, () => SqliteConnections.OpenForOneThread(options))
        {
            RangeTaken = (beside, _) =>
            {
                var (mine, other) = beside ? (secondTook, firstTook) : (firstTook, secondTook);
                if (bothTake && !mine.IsSet)
                {
                    mine.Set();
                    Assert.That(other.Wait(TimeSpan.FromSeconds(30)), Is.True, "the other connection took no range");
                }
            },
        };
        var snapshot = reader.Read();
        return (snapshot, reader.RestReadBeside, reader.RowsReadBeside);
    }

    private async Task<SqliteGraphStore> OpenAsync()
    {
        var path = TempDatabase.NewPath();
        paths.Add(path);
        return await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
    }

    /// <summary>A new store holding one request each for acct-b and acct-c.</summary>
    private async Task<SqliteGraphStore> OpenWithTwoRequestAccountsAsync()
    {
        var store = await OpenAsync();
        await store.WriteBatchAsync(Batches.Of(Request("r0", "acct-b", 0), Request("r1", "acct-c", 5)), CancellationToken.None);
        return store;
    }

    /// <summary>An ingest of <paramref name="account"/>, to run between a reader's two connections.</summary>
    private static Action Commit(SqliteGraphStore store, AccountRecord account) =>
        () => store.WriteBatchAsync(Batches.Of(account), CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<DetectionSnapshot> FullAsync(SqliteGraphStore store, TimeSpan? window)
    {
        var whole = await store.LoadSnapshotAsync(null, CancellationToken.None);
        return window is { } w ? SnapshotWindow.Cut(whole, w) : whole;
    }

    private static RequestRecord Request(string id, string account, double seconds) =>
        new RequestRecordBuilder().WithId(id).ForAccount(account).At(TestTime.At(seconds)).Build();

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>A growing world of accounts, IPs, templates and models, and batches of records about it.</summary>
    private sealed class RandomWorld(Random random)
    {
        private readonly List<string> accounts = [];
        private readonly List<string> ips = [];
        private readonly List<string> templates = [];
        private readonly List<string> models = ["model-m"];
        private readonly List<RequestRecord> written = [];
        private readonly List<SessionRecord> sessions = [];
        private int nextRequest;

        /// <summary>Every request row written so far, repeats included.</summary>
        public IReadOnlyList<RequestRecord> Written => written;

        public IEnumerable<IngestBatch> NextBatch(int batch)
        {
            Grow(accounts, random.Next(batch == 0 ? 4 : 0, 6), "acct-");
            Grow(ips, random.Next(0, 4), "10.0.");
            Grow(templates, random.Next(0, 3), "tpl-");
            if (random.Next(3) == 0 || batch == 0)
            {
                Grow(models, 1, "model-");
            }

            // The batch's time: a day further on, some rows late by up to two days.
            var day = batch * 86_400.0;
            var accountRows = Enumerable.Range(0, random.Next(0, 4)).Select(_ => new AccountRecordBuilder()
                .WithId(Pick(accounts)).CreatedAt(TestTime.At(random.Next(0, 100))).WithOrgName(random.Next(2) == 0 ? null : "org-" + random.Next(3))
                .WithStatus(Maybe(Enum.GetValues<AccountStatus>())).Via(Enum.GetValues<AccessPathway>()[random.Next(Enum.GetValues<AccessPathway>().Length)])
                .Build()).ToArray();
            var payments = Enumerable.Range(0, random.Next(0, 3)).Select(_ => new PaymentRecordBuilder()
                .ForAccount(Pick(accounts)).WithInstrument("pm-" + random.Next(5)).OfKind(Maybe(Enum.GetValues<PaymentKind>()))
                .FirstSeen(TestTime.At(day - random.Next(0, 200_000))).Build()).ToArray();
            var newSessions = Enumerable.Range(0, random.Next(0, 6)).Select(_ => new SessionRecordBuilder()
                .ForAccount(Pick(accounts)).FromIp(Pick(ips.Count > 0 ? ips : ["10.0.0"])).SeenAt(TestTime.At(day + random.Next(-150_000, 86_400)))
                .WithAsn(random.Next(3) == 0 ? null : 64_500 + random.Next(3), random.Next(3) == 0 ? null : "asn-" + random.Next(3))
                .OfType(Maybe(Enum.GetValues<IpType>())).Build()).ToList();
            if (sessions.Count > 0 && random.Next(2) == 0)
            {
                newSessions.Add(Pick(sessions));
            }

            sessions.AddRange(newSessions);
            var requests = Enumerable.Range(0, random.Next(1, 25)).Select(_ => new RequestRecord(
                $"req-{nextRequest++:D5}", Pick(accounts), TestTime.At(day + random.Next(-172_800, 86_400)), Pick(models),
                random.Next(4) == 0 ? null : "cap-" + random.Next(3), random.Next(4) == 0 || templates.Count == 0 ? null : Pick(templates),
                random.Next(4) == 0 || ips.Count == 0 ? null : Pick(ips), random.Next(3) == 0 ? null : "client-" + random.Next(4),
                random.Next(5) == 0 ? null : random.Next(0, 2000), random.Next(5) == 0 ? null : random.Next(0, 4000))).ToList();
            // Repeats of rows already stored: ingest keeps the first, nothing changes.
            requests.AddRange(Enumerable.Range(0, written.Count > 0 ? random.Next(0, 3) : 0).Select(_ => Pick(written)));
            written.AddRange(requests);
            var releases = random.Next(2) == 0 ? [new ReleaseRecord(Pick(models), TestTime.At(day - random.Next(0, 100_000)))] : Array.Empty<ReleaseRecord>();
            var indicators = random.Next(2) == 0
                ? [new IndicatorRecordBuilder().Build() with { OperatorId = "op-" + random.Next(2), Value = Pick(ips.Count > 0 ? ips : ["10.0.0"]), Confidence = random.NextDouble() }]
                : Array.Empty<IndicatorRecord>();
            return new[]
            {
                Batches.Of(accountRows), Batches.Of(payments), Batches.Of([.. newSessions]), Batches.Of([.. requests]), Batches.Of(releases), Batches.Of(indicators),
            }.OrderBy(_ => random.Next());
        }

        private void Grow(List<string> pool, int count, string prefix)
        {
            for (var i = 0; i < count; i++)
            {
                // Random names, so that new ones sort between the known ones and move their dense ids.
                pool.Add(prefix + random.Next(100_000).ToString("x5", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        private T Pick<T>(IReadOnlyList<T> pool) => pool[random.Next(pool.Count)];

        private T? Maybe<T>(T[] values)
            where T : struct => random.Next(3) == 0 ? null : values[random.Next(values.Length)];
    }
}
