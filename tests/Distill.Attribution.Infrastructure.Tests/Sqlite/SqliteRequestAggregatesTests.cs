using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Testing;
using Distill.Attribution.Testing.Builders;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>
/// The per-account request aggregates are summed in memory and written now and then (migration 0007, issue 18):
/// whatever the input order, the flush points, a writer that stopped without flushing or a store written before
/// 0007, they must end equal to a GROUP BY over the stored requests.
/// </summary>
public sealed class SqliteRequestAggregatesTests
{
    private string path = "";

    [SetUp]
    public void NewPath() => path = TempDatabase.NewPath();

    [TearDown]
    public void DeleteFiles() => TempDatabase.Delete(path);

    private static IngestBatch Batch(RequestRecord[] rows, bool prepared)
    {
        var batch = Batches.Of(rows);
        if (prepared)
        {
            batch.Prepared = PreparedRequests.Compute(batch);
        }

        return batch;
    }

    [TestCase("account", 1_000_000, false)]
    [TestCase("time", 1_000_000, false)]
    [TestCase("shuffled", 1_000_000, false)]
    [TestCase("shuffled", 7, false)]
    [TestCase("time", 1, false)]
    [TestCase("time", 1_000_000, true)]
    [TestCase("shuffled", 7, true)]
    public async Task ShouldEndWithTheAggregatesOfTheStoredRowsWhateverTheOrderAndFlushPoints(string order, int flushRows, bool prepared)
    {
        // prepared: the batches carry what the reading thread computes (hashes, digests), as in a file ingest,
        // so the writer also runs its look-ahead (prefetch) path.
        var rows = Ordered(Rows(), order);
        await using (var connection = OpenWriter())
        {
            using var writer = new SqliteBatchWriter(connection.Handle!, aggregateFlushRows: flushRows);
            foreach (var chunk in rows.Chunk(37))
            {
                writer.Write(Batch(chunk, prepared), CancellationToken.None);
            }

            // The same rows again: all duplicates, nothing summed twice.
            writer.Write(Batch(rows, prepared), CancellationToken.None);
            writer.FlushAggregates(CancellationToken.None);
        }

        Assert.That(Query("SELECT count(*) FROM requests"), Is.EqualTo(new[] { "400" }));
        AssertAggregatesMatchTheRows();
    }

    [TestCase("account", false)]
    [TestCase("time", false)]
    [TestCase("time", true)]
    public async Task ShouldSumAccountsAndValuesWhoseIdsAreBeyondTheDenseRange(string order, bool prepared)
    {
        // The sums are dense for account ids below 2^20, model ids below 8 and capability ids below 16, and kept in
        // maps beyond (decision D22): ids on both sides of each edge, up to just below 2^32, must sum the same.
        await using (var connection = OpenWriter())
        {
            Execute("""
                INSERT INTO account_keys(id, value) VALUES (3, 'acct-1'), (1048575, 'acct-2'), (1048576, 'acct-3'), (4000000000, 'acct-4');
                INSERT INTO models(id, value) VALUES (7, 'm-1'), (8, 'm-2'), (300, 'm-3');
                INSERT INTO capabilities(id, value) VALUES (15, 'cap-1'), (16, 'cap-2');
                INSERT INTO ips(id, value) VALUES (3000000000, '10.0.0.1');
                """);
            using var writer = new SqliteBatchWriter(connection.Handle!, aggregateFlushRows: 150);
            foreach (var chunk in Ordered(Rows(), order).Chunk(61))
            {
                writer.Write(Batch(chunk, prepared), CancellationToken.None);
            }

            writer.FlushAggregates(CancellationToken.None);
        }

        Assert.That(Query("SELECT count(*) FROM requests WHERE account >= 1048576 OR model >= 8 OR capability >= 16"), Is.Not.EqualTo(new[] { "0" }));
        Assert.That(Query("SELECT count(*) FROM requests WHERE account < 1048576 AND model < 8 AND capability < 16"), Is.Not.EqualTo(new[] { "0" }));
        AssertAggregatesMatchTheRows();
    }

    [Test]
    public async Task ShouldWriteTheSumsWhenAnIngestCompletesWhileTheStoreStaysOpen()
    {
        // distill watch keeps one store open for hours: the sums must reach the tables at the end of each ingest, not
        // only when the store is disposed, or the API's account views lag behind until the watcher exits.
        await using var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
        await store.WriteBatchAsync(Batches.Of(Rows()), CancellationToken.None);
        Assert.That(Query("SELECT count(*) FROM account_stats"), Is.EqualTo(new[] { "0" }), "summed in memory, not written yet");

        await store.CompleteAsync(CancellationToken.None);
        AssertAggregatesMatchTheRows();
        await store.CompleteAsync(CancellationToken.None);
        AssertAggregatesMatchTheRows();
    }

    [Test]
    public async Task ShouldCountAndLaterSumTheRowsAWriterLeftUnsummed()
    {
        var rows = Rows();
        await using (var connection = OpenWriter())
        {
            // As if killed after its commits: the writer never flushes, nothing is disposed through the store.
            using var writer = new SqliteBatchWriter(connection.Handle!);
            foreach (var chunk in rows.Take(300).Chunk(50))
            {
                writer.Write(Batches.Of(chunk), CancellationToken.None);
            }
        }

        Assert.That(Query("SELECT count(*) FROM account_stats"), Is.EqualTo(new[] { "0" }), "nothing was summed yet");
        Assert.That(Query("SELECT requests_upto FROM aggregate_watermark"), Is.EqualTo(new[] { "0" }));

        await using (var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None))
        {
            // The snapshot counts the unsummed rows itself (it would refuse an inconsistent store otherwise).
            var snapshot = await store.LoadSnapshotAsync(null, CancellationToken.None);
            Assert.That(snapshot.RequestCount, Is.EqualTo(300));
            Assert.That(snapshot.RequestOffsets[^1], Is.EqualTo(300));

            await store.WriteBatchAsync(Batches.Of([.. rows.Skip(250)]), CancellationToken.None);
        }

        Assert.That(Query("SELECT count(*) FROM requests"), Is.EqualTo(new[] { "400" }));
        AssertAggregatesMatchTheRows();
    }

    [Test]
    public async Task ShouldCarryAStoreWrittenBeforeMigration0007Over()
    {
        var rows = Rows();
        await using (var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None))
        {
            await store.WriteBatchAsync(Batches.Of([.. rows.Take(200)]), CancellationToken.None);
        }

        // What the code before 0007 left: the same tables, aggregates current after every commit, no watermark.
        Execute("DROP TABLE aggregate_watermark; DELETE FROM schema_migrations WHERE version = 7;");
        AssertAggregatesMatchTheRows();

        await using (var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None))
        {
            Assert.That(Query("SELECT requests_upto FROM aggregate_watermark"), Is.EqualTo(Query("SELECT max(id) FROM requests")), "the old aggregates cover every row");
            Assert.That(await store.WriteBatchAsync(Batches.Of(rows), CancellationToken.None), Is.EqualTo(200));
        }

        Assert.That(Query("SELECT requests_upto FROM aggregate_watermark"), Is.EqualTo(new[] { "400" }));
        AssertAggregatesMatchTheRows();
    }

    /// <summary>400 distinct requests over 23 accounts, 5 models, 3 capabilities (and none), 11 ips (and none), some tokens absent.</summary>
    private static RequestRecord[] Rows()
    {
        var random = new Random(18);
        return [.. Enumerable.Range(0, 400).Select(i => new RequestRecordBuilder()
            .WithId($"req-{i:x4}")
            .ForAccount($"acct-{i % 23}")
            .At(TestTime.At(random.Next(0, 100_000)))
            .ToModel($"m-{random.Next(5)}")
            .WithCapability(random.Next(4) is var c && c == 0 ? null : $"cap-{c}")
            .FromIp(random.Next(12) is var ip && ip == 0 ? null : $"10.0.0.{ip}")
            .WithTokens(random.Next(5) == 0 ? null : random.Next(1, 1000), random.Next(5) == 0 ? null : random.Next(1, 5000))
            .Build())];
    }

    private static RequestRecord[] Ordered(RequestRecord[] rows, string order) => order switch
    {
        "account" => [.. rows.OrderBy(r => r.AccountId, StringComparer.Ordinal).ThenBy(r => r.Ts)],
        "time" => [.. rows.OrderBy(r => r.Ts)],
        "shuffled" => [.. rows.Select((r, i) => (r, k: i * 7919 % rows.Length)).OrderBy(p => p.k).Select(p => p.r)], // 7919 is prime to 400: a permutation
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, null),
    };

    private SqliteConnection OpenWriter()
    {
        var connection = SqliteConnections.Open(new SqliteStoreOptions { Path = path }, forReading: false);
        SqliteMigrator.Apply(connection);
        return connection;
    }

    /// <summary>The four aggregate tables equal a GROUP BY over the requests table, and the watermark covers every row.</summary>
    private void AssertAggregatesMatchTheRows()
    {
        Assert.Multiple(() =>
        {
            Assert.That(
                Query("SELECT account || ' ' || requests || ' ' || input_tokens || ' ' || output_tokens || ' ' || first_ts || ' ' || last_ts FROM account_stats ORDER BY account"),
                Is.EqualTo(Query("""
                    SELECT account || ' ' || count(*) || ' ' || sum(coalesce(input_tokens, 0)) || ' ' || sum(coalesce(output_tokens, 0)) || ' ' || min(ts) || ' ' || max(ts)
                    FROM requests GROUP BY account ORDER BY account
                    """)).And.Not.Empty);
            foreach (var (table, column) in new[] { ("account_model_stats", "model"), ("account_capability_stats", "capability"), ("account_ip_stats", "ip") })
            {
                Assert.That(
                    Query($"SELECT account || ' ' || {column} || ' ' || requests FROM {table} ORDER BY account, {column}"),
                    Is.EqualTo(Query($"SELECT account || ' ' || {column} || ' ' || count(*) FROM requests WHERE {column} != 0 GROUP BY account, {column} ORDER BY account, {column}")).And.Not.Empty,
                    table);
            }

            if (Query("SELECT count(*) FROM sqlite_master WHERE name = 'aggregate_watermark'")[0] == "1")
            {
                Assert.That(Query("SELECT requests_upto FROM aggregate_watermark"), Is.EqualTo(Query("SELECT max(id) FROM requests")));
            }
        });
    }

    private List<string> Query(string sql) => SqliteFile.Query(path, sql);

    private void Execute(string sql) => SqliteFile.Execute(path, sql);
}
