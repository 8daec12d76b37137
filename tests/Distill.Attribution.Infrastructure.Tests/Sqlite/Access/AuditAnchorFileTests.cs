using System.Text;
using Distill.Attribution.Domain.Audit;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Access;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite.Access;

/// <summary>
/// The audit anchor is overwritten in place after each append (no new file, no rename: a rename per audited request
/// waited on the file system's journal behind an ingest's writes), and still tells an authentic record from an edited one.
/// </summary>
public sealed class AuditAnchorFileTests
{
    private string _directory = null!;
    private SqliteStoreOptions _options = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"distill-anchor-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        _options = new SqliteStoreOptions { Path = Path.Combine(_directory, "store.db") };
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task ShouldOverwriteTheAnchorInPlaceAfterTheFirstAppend()
    {
        using var database = new SqliteDatabase(_options);
        using var store = new SqliteAccessStore(database);
        await Append(store, "first");

        // A handle opened now sees later records only if they are written into this file, not into a new one renamed over it.
        using var opened = new FileStream(_options.AuditAnchorPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await Append(store, "second");
        var third = await Append(store, "third");

        var seen = new byte[AuditAnchorFile.RecordBytes + 1];
        opened.Position = 0;
        var read = opened.ReadAtLeast(seen, seen.Length, throwOnEndOfStream: false);
        Assert.That(Encoding.ASCII.GetString(seen, 0, read), Does.Contain($" {third.Sequence} {third.Hash} "), "the open handle still sees an older record");
        Assert.That(read, Is.EqualTo(AuditAnchorFile.RecordBytes), "the anchor is one fixed-size record");
        Assert.That(File.Exists(_options.AuditAnchorPath + ".tmp"), Is.False);

        var anchor = await store.ReadAuditAnchorAsync(CancellationToken.None);
        Assert.That((anchor.State, anchor.Sequence, anchor.HeadHash), Is.EqualTo((AuditAnchorState.Valid, 3L, third.Hash)));
    }

    [Test]
    public async Task ShouldReadAnOlderVersionsAnchorAndPadItOnTheNextAppend()
    {
        using var database = new SqliteDatabase(_options);
        using var store = new SqliteAccessStore(database);
        var first = await Append(store, "first");

        // What the previous version wrote: the same line, unpadded.
        File.WriteAllText(_options.AuditAnchorPath, File.ReadAllText(_options.AuditAnchorPath).TrimEnd() + "\n");
        Assert.That(new FileInfo(_options.AuditAnchorPath).Length, Is.LessThan(AuditAnchorFile.RecordBytes));
        var before = await store.ReadAuditAnchorAsync(CancellationToken.None);
        Assert.That((before.State, before.Sequence, before.HeadHash), Is.EqualTo((AuditAnchorState.Valid, 1L, first.Hash)));

        var second = await Append(store, "second");
        var after = await store.ReadAuditAnchorAsync(CancellationToken.None);
        Assert.That((after.State, after.Sequence, after.HeadHash), Is.EqualTo((AuditAnchorState.Valid, 2L, second.Hash)));
        Assert.That(new FileInfo(_options.AuditAnchorPath).Length, Is.EqualTo(AuditAnchorFile.RecordBytes));
    }

    [Test]
    public async Task ShouldCallARecordEditedInPlaceInauthentic()
    {
        using var database = new SqliteDatabase(_options);
        using var store = new SqliteAccessStore(database);
        await Append(store, "first");
        await Append(store, "second");

        // Someone without the key rolls the anchored count back to hide the last entry, keeping the record's size.
        var text = File.ReadAllText(_options.AuditAnchorPath);
        File.WriteAllText(_options.AuditAnchorPath, text.Replace("-v1 2 ", "-v1 1 ", StringComparison.Ordinal));
        var anchor = await store.ReadAuditAnchorAsync(CancellationToken.None);
        Assert.That(anchor.State, Is.EqualTo(AuditAnchorState.Invalid));
        Assert.That(anchor.Problem, Does.Contain("authentication code"));
    }

    private static Task<AuditEntry> Append(SqliteAccessStore store, string operation) =>
        store.AppendAuditAsync(last => AuditChain.Append(last, DateTimeOffset.UtcNow, "k1", "Admin", operation, "doc", "{}", "ok"), CancellationToken.None);
}
