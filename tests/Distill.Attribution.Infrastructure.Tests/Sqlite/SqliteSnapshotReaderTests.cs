using Distill.Attribution.Application.Live;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Testing.Builders;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>
/// A full snapshot read takes every table but requests on a second connection, beside its request scan, when that
/// connection reads the same contents; when an ingest commits between the two connections' first reads, the reader reads
/// them itself, after the scan. (Random batches read both ways: <see cref="SqliteSnapshotDeltaTests"/>.)
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

    /// <summary>A full read of the store at <paramref name="path"/>, with or without a second connection (opened after <paramref name="beforeSibling"/>).</summary>
    internal static (DetectionSnapshot Snapshot, bool RestReadBeside) Read(string path, bool sibling, Action? beforeSibling = null)
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
