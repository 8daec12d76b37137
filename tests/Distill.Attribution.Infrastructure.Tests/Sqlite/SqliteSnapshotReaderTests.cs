using Distill.Attribution.Application.Live;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Testing.Builders;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>
/// A full snapshot read takes every table but requests on a second connection, beside its request scan, when that
/// connection reads the same contents; the snapshot must not depend on where they were read.
/// </summary>
public sealed class SqliteSnapshotReaderTests
{
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
    /// Random batches (accounts with and without requests, whose ids sort between each other; requests past the aggregates'
    /// watermark in some reads): the snapshot is the same whether the rest is read beside the scan or after it, and each
    /// account holds exactly the distinct requests written for it.
    /// </summary>
    [Test]
    public async Task ShouldReadTheSameSnapshotWhetherTheRestIsReadBesideTheScanOrAfterIt([Range(1, 12)] int seed)
    {
        var random = new Random(seed);
        var path = NewPath();
        var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        await using var _ = store;
        var world = new SqliteSnapshotDeltaTests.RandomWorld(random);
        var batches = random.Next(3, 7);
        for (var b = 0; b < batches; b++)
        {
            foreach (var batch in world.NextBatch(b))
            {
                await store.WriteBatchAsync(batch, CancellationToken.None);
            }

            if (random.Next(2) == 0)
            {
                await store.CompleteAsync(CancellationToken.None);
            }

            var (beside, besideUsed) = Read(path, sibling: true);
            var (after, afterUsed) = Read(path, sibling: false);
            Assert.That((besideUsed, afterUsed), Is.EqualTo((true, false)), $"seed {seed}, batch {b}");
            Assert.That(SnapshotComparer.Differences(after, beside), Is.Empty, $"seed {seed}, batch {b}");
            var written = world.Written.DistinctBy(r => r.RequestId).CountBy(r => r.AccountId).ToDictionary(StringComparer.Ordinal);
            for (var a = 0; a < beside.AccountCount; a++)
            {
                var held = beside.RequestOffsets[a + 1] - beside.RequestOffsets[a];
                Assert.That(held, Is.EqualTo(written.GetValueOrDefault(beside.AccountIds[a])), $"seed {seed}, batch {b}, {beside.AccountIds[a]}");
            }
        }
    }

    [Test]
    public async Task ShouldReadTheRestAfterTheScanWhenAWriterCommitsBeforeTheSecondConnectionReads()
    {
        var path = NewPath();
        var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        await using var _ = store;
        await store.WriteBatchAsync(Batches.Of(Request("r0", "acct-b", 0), Request("r1", "acct-c", 5)), CancellationToken.None);
        await store.WriteBatchAsync(Batches.Of(new AccountRecordBuilder().WithId("acct-a").Build()), CancellationToken.None);
        var (before, _) = Read(path, sibling: false);

        // Between the reader's first read and the second connection's, an ingest updates an account in place (no new key).
        var (snapshot, besideUsed) = Read(path, sibling: true, beforeSibling: () =>
            store.WriteBatchAsync(Batches.Of(new AccountRecordBuilder().WithId("acct-b").WithOrgName("org-b").Build()), CancellationToken.None).GetAwaiter().GetResult());
        var (now, nowBeside) = Read(path, sibling: true);

        Assert.That(besideUsed, Is.False, "the second connection read other contents");
        Assert.That(SnapshotComparer.Differences(before, snapshot), Is.Empty, "the reader's own state, from its own connection");
        Assert.That((nowBeside, now.OrgNames), Is.EqualTo((true, new[] { "org-b" })));
    }

    /// <summary>Likewise when the commit adds a key (an account that sorts first) and leaves the contents read so far alone.</summary>
    [Test]
    public async Task ShouldReadTheRestAfterTheScanWhenADictionaryGrowsBeforeTheSecondConnectionReads()
    {
        var path = NewPath();
        var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        await using var _ = store;
        await store.WriteBatchAsync(Batches.Of(Request("r0", "acct-b", 0), Request("r1", "acct-c", 5)), CancellationToken.None);
        var (before, _) = Read(path, sibling: false);

        var (snapshot, besideUsed) = Read(path, sibling: true, beforeSibling: () =>
            store.WriteBatchAsync(Batches.Of(new AccountRecordBuilder().WithId("acct-0").Build()), CancellationToken.None).GetAwaiter().GetResult());

        Assert.That(besideUsed, Is.False);
        Assert.That(SnapshotComparer.Differences(before, snapshot), Is.Empty);
    }

    private static (DetectionSnapshot Snapshot, bool RestReadBeside) Read(string path, bool sibling, Action? beforeSibling = null)
    {
        var options = new SqliteStoreOptions { Path = path };
        using var db = SqliteConnections.OpenForOneThread(options);
        SqliteConnections.Execute(db, "BEGIN DEFERRED");
        Func<SQLitePCL.sqlite3>? open = sibling
            ? () =>
            {
                beforeSibling?.Invoke();
                return SqliteConnections.OpenForOneThread(options);
            }
            : null;
        var reader = new SqliteSnapshotReader(db, null, CancellationToken.None, open);
        var snapshot = reader.Read();
        return (snapshot, reader.RestReadBeside);
    }

    private string NewPath()
    {
        var path = TempDatabase.NewPath();
        paths.Add(path);
        return path;
    }

    private static Distill.Attribution.Domain.Records.RequestRecord Request(string id, string account, double seconds) =>
        new RequestRecordBuilder().WithId(id).ForAccount(account).At(TestTime.At(seconds)).Build();
}
