using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Testing;
using Distill.Attribution.Testing.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

#pragma warning disable CA1861 // Expected values read best inline, beside the assertion; each runs once.

/// <summary>What only the SQLite store has: its tables, aggregates, migrations and several writers on one file.</summary>
public sealed class SqliteGraphStoreTests
{
    private string path = "";

    [SetUp]
    public void NewPath() => path = TempDatabase.NewPath();

    [TearDown]
    public void DeleteFiles() => TempDatabase.Delete(path);

    [Test]
    public async Task ShouldRecordEveryEmbeddedMigrationOnce()
    {
        await using (var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None))
        {
            await store.MigrateAsync(CancellationToken.None);
        }

        await using (var again = await SqliteGraphStore.OpenAsync(path, CancellationToken.None))
        {
            await again.MigrateAsync(CancellationToken.None);
        }

        var embedded = SqliteMigrator.Embedded();
        var recorded = Query("SELECT version || ':' || name FROM schema_migrations ORDER BY version");
        Assert.That(embedded[0].Name, Is.EqualTo("0001_initial"));
        Assert.That(embedded.Select(m => m.Version), Is.Ordered.And.Unique);
        Assert.That(recorded, Is.EqualTo(embedded.Select(m => $"{m.Version}:{m.Name}")));
        Assert.That(Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"), Is.SupersetOf(new[]
        {
            "account_keys", "accounts", "payments", "sessions", "requests", "releases", "indicators",
            "account_stats", "account_model_stats", "account_capability_stats", "account_ip_stats", "content_digests",
        }));
        Assert.That(Query("PRAGMA journal_mode"), Is.EqualTo(new[] { "wal" }));
    }

    [Test]
    public async Task ShouldCarryFingerprintsOverWhenTheirUniqueIndexIsDropped()
    {
        // A store as it was before migration 0010: fingerprints under a UNIQUE index, requests naming them by id.
        MigrateBefore(10);
        Execute("INSERT INTO prompt_fingerprints(id, value) VALUES (1, 'tpl-a'), (2, 'tpl-b'), (5, 'tpl-c')");
        Assert.That(Query("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'prompt_fingerprints'"), Is.EqualTo(new[] { "1" }));

        await using (var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None))
        {
            var r = new RequestRecordBuilder().ForAccount("acct-1").At(TestTime.At(0));
            await store.WriteBatchAsync(Batches.Of(r.WithId("q-1").WithPromptFingerprint("tpl-c").Build(), r.WithId("q-2").WithPromptFingerprint("tpl-d").Build()), CancellationToken.None);
        }

        Assert.That(Query("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'prompt_fingerprints'"), Is.EqualTo(new[] { "0" }));
        Assert.That(Query("SELECT id || ' ' || value FROM prompt_fingerprints ORDER BY id"), Is.EqualTo(new[] { "1 tpl-a", "2 tpl-b", "5 tpl-c", "6 tpl-d" }));
        Assert.That(Query("SELECT request_id || ' ' || prompt_fingerprint FROM requests ORDER BY id"), Is.EqualTo(new[] { "q-1 5", "q-2 6" }));
    }

    [Test]
    public async Task ShouldResolveARunsWorthOfRequestIdsInPartsWhateverTheOrderAsked()
    {
        // Enough rows for the lookups to be split over connections; asked in shuffled order, with ids that do not exist.
        const int Rows = 120_000;
        await using var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        var r = new RequestRecordBuilder().ForAccount("acct-1");
        var requests = new RequestRecord[Rows];
        for (var i = 0; i < Rows; i++)
        {
            requests[i] = r.WithId($"q-{i}").At(TestTime.At(i % 50)).Build();
        }

        await store.WriteBatchAsync(Batches.Of(requests), CancellationToken.None);
        var s = await store.LoadSnapshotAsync(null, CancellationToken.None);
        var asked = s.RequestRowId.Append(s.RequestRowId.Max() + 1).Append(-5).ToArray();
        new Random(7).Shuffle(asked);

        var resolved = await store.ResolveRequestIdsAsync(asked, CancellationToken.None);

        Assert.That(resolved, Has.Count.EqualTo(Rows));
        var byName = Query("SELECT id || '=' || request_id FROM requests").ToHashSet(StringComparer.Ordinal);
        Assert.That(resolved.Select(kv => $"{kv.Key}={kv.Value}").ToHashSet(StringComparer.Ordinal).SetEquals(byName), Is.True);
    }

    [Test]
    public async Task ShouldRefuseAStoreWhoseAppliedMigrationWasEdited()
    {
        await (await SqliteGraphStore.OpenAsync(path, CancellationToken.None)).DisposeAsync();
        Execute("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");

        Assert.That(
            async () => await SqliteGraphStore.OpenAsync(path, CancellationToken.None),
            Throws.InvalidOperationException.With.Message.Contains("0001_initial"));
    }

    [Test]
    public async Task ShouldMaintainPerAccountAggregatesFromNewRowsOnly()
    {
        await using (var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None))
        {
            var r = new RequestRecordBuilder().ForAccount("acct-1");
            var batch = Batches.Of(
                r.WithId("a").At(TestTime.At(10)).ToModel("m-1").WithCapability("chat").FromIp("10.0.0.1").WithTokens(5, 50).Build(),
                r.WithId("b").At(TestTime.At(30)).ToModel("m-2").WithCapability(null).FromIp("10.0.0.1").WithTokens(null, 7).Build(),
                r.WithId("c").At(TestTime.At(20)).ToModel("m-1").WithCapability("chat").FromIp(null).WithTokens(1, null).Build(),
                new RequestRecordBuilder().WithId("d").ForAccount("acct-2").At(TestTime.At(1)).ToModel("m-1").FromIp("10.0.0.2").WithTokens(2, 3).Build());
            await store.WriteBatchAsync(batch, CancellationToken.None);
            await store.WriteBatchAsync(batch, CancellationToken.None);
            await store.WriteBatchAsync(Batches.Of(r.WithId("e").At(TestTime.At(5)).ToModel("m-2").WithCapability("vision").FromIp("10.0.0.1").WithTokens(0, 0).Build()), CancellationToken.None);
        }

        Assert.That(Query("""
            SELECT k.value || ' ' || s.requests || ' ' || s.input_tokens || ' ' || s.output_tokens || ' ' || s.first_ts || ' ' || s.last_ts
            FROM account_stats s JOIN account_keys k ON k.id = s.account ORDER BY k.value
            """), Is.EqualTo(new[]
        {
            $"acct-1 4 6 57 {Ms(5)} {Ms(30)}",
            $"acct-2 1 2 3 {Ms(1)} {Ms(1)}",
        }));
        Assert.That(PairCounts("account_model_stats", "model", "models"), Is.EqualTo(new[] { "acct-1 m-1 2", "acct-1 m-2 2", "acct-2 m-1 1" }));
        Assert.That(PairCounts("account_capability_stats", "capability", "capabilities"), Is.EqualTo(new[] { "acct-1 chat 2", "acct-1 vision 1", "acct-2 chat 1" }));
        Assert.That(PairCounts("account_ip_stats", "ip", "ips"), Is.EqualTo(new[] { "acct-1 10.0.0.1 3", "acct-2 10.0.0.2 1" }));
    }

    [Test]
    public async Task ShouldKeepStatsEqualToTheTableCounts()
    {
        await using (var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None))
        {
            var sessions = Enumerable.Range(0, 300).Select(i => new SessionRecordBuilder().ForAccount($"a-{i % 9}").SeenAt(TestTime.At(i % 250)).Build()).ToArray();
            var requests = Enumerable.Range(0, 1000).Select(i => new RequestRecordBuilder().WithId($"q-{i % 800}").Build()).ToArray();
            await store.WriteBatchAsync(Batches.Of(sessions), CancellationToken.None);
            await store.WriteBatchAsync(Batches.Of(requests), CancellationToken.None);
            var stats = await store.GetStatsAsync(CancellationToken.None);

            Assert.That(stats.Requests, Is.EqualTo(800));
            Assert.That(stats.Sessions, Is.EqualTo(long.Parse(Query("SELECT count(*) FROM sessions")[0], System.Globalization.CultureInfo.InvariantCulture)));
        }

        Assert.That(Query("SELECT count(*) FROM requests"), Is.EqualTo(new[] { "800" }));
    }

    [Test]
    public async Task ShouldSeeRowsAnotherWriterAddedToTheSameFile()
    {
        await using var first = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        await using var second = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        var r = new RequestRecordBuilder();
        await first.WriteBatchAsync(Batches.Of(r.WithId("q-1").ToModel("m-1").Build()), CancellationToken.None);

        var bySecond = await second.WriteBatchAsync(Batches.Of(r.WithId("q-1").Build(), r.WithId("q-2").ToModel("m-2").Build()), CancellationToken.None);
        var byFirst = await first.WriteBatchAsync(Batches.Of(r.WithId("q-2").Build(), r.WithId("q-3").ToModel("m-3").Build()), CancellationToken.None);
        var snapshot = await first.LoadSnapshotAsync(null, CancellationToken.None);

        Assert.That((bySecond, byFirst), Is.EqualTo((1, 1)));
        Assert.That(snapshot.Models, Is.EqualTo(new[] { "m-1", "m-2", "m-3" }));
        Assert.That(snapshot.RequestModel, Is.EquivalentTo(new[] { 0, 1, 2 }));
        Assert.That(Query("SELECT count(*) FROM models"), Is.EqualTo(new[] { "3" }), "no dictionary string stored twice");
    }

    [Test]
    public async Task ShouldResolveTheStoreThroughDependencyInjection()
    {
        var services = new ServiceCollection().AddSqliteStore(o => o.Path = path).BuildServiceProvider();
        await using (services)
        {
            var store = services.GetRequiredService<IGraphStore>();
            await store.WriteBatchAsync(Batches.Of(new AccountRecordBuilder().Build()), CancellationToken.None);

            Assert.That(services.GetRequiredService<IIngestStore>(), Is.SameAs(store));
            Assert.That(services.GetRequiredService<ISnapshotSource>(), Is.SameAs(store));
            Assert.That((await store.GetStatsAsync(CancellationToken.None)).Accounts, Is.EqualTo(1));
        }

        Assert.That(File.Exists(path), Is.True);
    }

    [Test]
    public async Task ShouldKeepRecognisingTheRequestsOfAStoreWrittenBeforeMigration0005()
    {
        // A store as 0001-0004 left it: requests carry the SHA-256 keys that 0005 drops.
        MigrateBefore(5);
        Execute("""
            INSERT INTO account_keys(id, value) VALUES (1, 'acct-1');
            INSERT INTO models(id, value) VALUES (1, 'model-a');
            INSERT INTO requests(id, request_id, key_hi, key_lo, account, ts, model, capability, prompt_fingerprint, ip, client)
            VALUES (1, 'req-old', 11, 22, 1, 0, 1, 0, 0, 0, 0);
            """);

        await using var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        var added = await store.WriteBatchAsync(
            Batches.Of(
                new RequestRecordBuilder().WithId("req-old").ForAccount("acct-1").Build(),
                new RequestRecordBuilder().WithId("req-new").ForAccount("acct-1").Build(),
                new RequestRecordBuilder().WithId("req-new").ForAccount("acct-1").Build()),
            CancellationToken.None);

        Assert.That(added, Is.EqualTo(1), "the old request is recognised by its id, the new one stored once");
        Assert.That(Query("SELECT request_id FROM requests ORDER BY id"), Is.EqualTo(new[] { "req-old", "req-new" }));
        Assert.That(Query("SELECT name FROM pragma_table_info('requests') WHERE name LIKE 'key%'"), Is.Empty);
    }

    [Test]
    public async Task ShouldForgetTheRequestsOfABatchThatRolledBack()
    {
        await using var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        await store.WriteBatchAsync(Batches.Of(new RequestRecordBuilder().WithId("req-1").Build()), CancellationToken.None);
        var broken = new RequestRecordBuilder().WithId("req-3").Build() with { AccountId = null! };

        // req-2 enters the request index before the broken row fails the batch.
        Assert.That(
            async () => await store.WriteBatchAsync(Batches.Of(new RequestRecordBuilder().WithId("req-2").Build(), broken), CancellationToken.None),
            Throws.ArgumentException);
        var added = await store.WriteBatchAsync(
            Batches.Of(new RequestRecordBuilder().WithId("req-1").Build(), new RequestRecordBuilder().WithId("req-2").Build()),
            CancellationToken.None);

        Assert.That(added, Is.EqualTo(1), "req-2 was rolled back, so it is new; req-1 is still a duplicate");
        Assert.That(Query("SELECT request_id FROM requests ORDER BY id"), Is.EqualTo(new[] { "req-1", "req-2" }));
    }

    [Test]
    public async Task ShouldWriteTheSameRowsWhetherOrNotABatchWasPrepared()
    {
        var rows = Enumerable.Range(0, 50)
            .Select(i => new RequestRecordBuilder().WithId($"req-{i % 40}").ForAccount($"acct-{i % 7}").At(TestTime.At(i)).Build())
            .ToArray();
        string hashPrepared;
        string hashPlain;
        await using (var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None))
        {
            var batch = Batches.Of(rows);
            batch.Prepared = store.PrepareBatch(batch);
            Assert.That(batch.Prepared, Is.Not.Null);
            Assert.That(await store.WriteBatchAsync(batch, CancellationToken.None), Is.EqualTo(40));
            Assert.That(batch.Prepared, Is.Null, "the pooled arrays went back");
            hashPrepared = await store.ComputeInputHashAsync(CancellationToken.None);
        }

        var other = TempDatabase.NewPath();
        try
        {
            await using var plain = await SqliteGraphStore.OpenAsync(other, CancellationToken.None);
            Assert.That(await plain.WriteBatchAsync(Batches.Of(rows), CancellationToken.None), Is.EqualTo(40));
            hashPlain = await plain.ComputeInputHashAsync(CancellationToken.None);
        }
        finally
        {
            TempDatabase.Delete(other);
        }

        Assert.That(hashPrepared, Is.EqualTo(hashPlain));
    }

    private static long Ms(double seconds) => TestTime.At(seconds).ToUnixTimeMilliseconds();

    private List<string> PairCounts(string table, string column, string dictionary) => Query($"""
        SELECT k.value || ' ' || d.value || ' ' || s.requests FROM {table} s
        JOIN account_keys k ON k.id = s.account JOIN {dictionary} d ON d.id = s.{column} ORDER BY k.value, d.value
        """);

    /// <summary>The store as the embedded migrations before <paramref name="version"/> left it, each recorded as applied.</summary>
    private void MigrateBefore(int version)
    {
        Execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)");
        foreach (var migration in SqliteMigrator.Embedded().Where(m => m.Version < version))
        {
            Execute(migration.Sql);
            Execute($"INSERT INTO schema_migrations VALUES ({migration.Version}, '{migration.Name}', '{migration.Checksum}', 'before')");
        }
    }

    private List<string> Query(string sql) => SqliteFile.Query(path, sql);

    private void Execute(string sql) => SqliteFile.Execute(path, sql);
}
