using Distill.Attribution.Domain.Audit;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Access;
using Distill.Attribution.Testing;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite.Access;

/// <summary>The audit trail in its own file: appends do not wait for the store's writer; an older store's trail moves over intact.</summary>
public sealed class AuditTrailFileTests
{
    private string _directory = null!;
    private SqliteStoreOptions _options = null!;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), $"distill-audit-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_directory);
        _options = new SqliteStoreOptions { Path = Path.Combine(_directory, "store.db") };
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task ShouldAppendWhileAnIngestHoldsTheStoresWriteLock()
    {
        using var database = new SqliteDatabase(_options);
        using var store = new SqliteAccessStore(database);
        await Append(store, "before");

        // What an ingest's aggregate flush does for seconds: hold the store file's write lock.
        using var writer = new SqliteConnection($"Data Source={_options.Path};Pooling=False");
        writer.Open();
        using var transaction = writer.BeginTransaction(deferred: false);

        // With the trail inside the store this append waited for the lock (busy_timeout, 60 s) and then failed.
        var append = Task.Run(() => Append(store, "during"));
        var finished = await Task.WhenAny(append, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.That(finished, Is.SameAs(append), "the append waited for the store's writer");
        Assert.That((await append).Sequence, Is.EqualTo(2));
        transaction.Rollback();
    }

    [Test]
    public async Task ShouldCarryAnOlderStoresTrailOverUnchangedAndChainOntoIt()
    {
        // A store written before the trail had its own file: three chained entries in the store's audit_entries table.
        using (var database = new SqliteDatabase(_options))
        {
            database.MigrationState();
        }

        AuditEntry? previous = null;
        var old = new List<AuditEntry>();
        for (var i = 0; i < 3; i++)
        {
            previous = AuditChain.Append(previous, DateTimeOffset.UnixEpoch.AddDays(i), "k1", "Admin", $"Old{i}", "doc", "{}", "ok");
            old.Add(previous);
            SqliteFile.Execute(_options.Path, $"""
                INSERT INTO audit_entries VALUES ({previous.Sequence}, {previous.Time.UtcTicks}, 'k1', 'Admin', 'Old{i}', 'doc', '{"{}"}', 'ok', '{previous.PreviousHash}', '{previous.Hash}')
                """);
        }

        using (var database = new SqliteDatabase(_options))
        using (var store = new SqliteAccessStore(database))
        {
            var appended = await Append(store, "New");
            Assert.That(appended.Sequence, Is.EqualTo(4));
            Assert.That(appended.PreviousHash, Is.EqualTo(old[^1].Hash));
        }

        // A second opening copies nothing twice.
        using (var database = new SqliteDatabase(_options))
        using (var store = new SqliteAccessStore(database))
        {
            var trail = await store.ReadAuditAsync(1, CancellationToken.None).ToListAsync();
            Assert.That(trail.Select(e => e.OperationName), Is.EqualTo(new[] { "Old0", "Old1", "Old2", "New" }));
            Assert.That(trail.Take(3), Is.EqualTo(old));
            Assert.That(AuditChain.Verify(trail), Is.Null);
        }

        Assert.That(SqliteFile.Query(_options.AuditDatabasePath, "SELECT count(*) FROM audit_entries"), Is.EqualTo(new[] { "4" }));
    }

    private static Task<AuditEntry> Append(SqliteAccessStore store, string operation) =>
        store.AppendAuditAsync(last => AuditChain.Append(last, DateTimeOffset.UtcNow, "k1", "Admin", operation, "doc", "{}", "ok"), CancellationToken.None);
}
