using System.Globalization;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Live;
using Distill.Attribution.Testing.Builders;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Sqlite;

/// <summary>
/// The writer keeps its request index, dictionary caches and pending sums across other connections' commits when
/// their tables did not change, extends the index with rows another writer appended, and rebuilds when the requests
/// were rewritten (decision D24). Whatever it keeps, a request id is stored once and every id names its string.
/// </summary>
public sealed class SqliteWriterCacheTests
{
    private string path = "";

    [SetUp]
    public void NewPath() => path = TempDatabase.NewPath();

    [TearDown]
    public void DeleteFiles() => TempDatabase.Delete(path);

    [Test]
    public async Task ShouldKeepTheRequestIndexWhenAnotherConnectionSavesOnlyLiveState()
    {
        using var live = new SqliteDatabase(new SqliteStoreOptions { Path = path });
        var alerts = new SqliteAlertStore(live);
        await using var connection = OpenWriter();
        using var writer = new SqliteBatchWriter(connection.Handle!);

        var first = writer.Write(Batches.Of(Requests("acct-1", 0, 100)), CancellationToken.None);
        await alerts.RecordBatchAsync("batch-1", "h1", null, 100, TestTime.At(0), CancellationToken.None);
        var second = writer.Write(Batches.Of(Requests("acct-2", 50, 150)), CancellationToken.None);
        await alerts.RecordBatchAsync("batch-2", "h2", null, 100, TestTime.At(1), CancellationToken.None);
        var third = writer.Write(Batches.Of(Requests("acct-1", 0, 150)), CancellationToken.None);
        writer.FlushAggregates(CancellationToken.None);

        Assert.That((first, second, third), Is.EqualTo((100, 50, 0)), "duplicates found across the other connection's commits");
        Assert.That(writer.RequestIndexLoads, Is.EqualTo(1), "the request ids were read once, not again after each live-state commit");
        Assert.That(writer.DictionaryDrops, Is.Zero);
        Assert.That(Query("SELECT count(*), count(DISTINCT request_id) FROM requests"), Is.EqualTo(new[] { "150 150" }));
        AssertAggregatesMatchTheRows();
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task ShouldFindEveryDuplicateWhenTwoWritersAlternateWithAThirdConnectionInBetween(int seed)
    {
        var random = new Random(seed);
        using var live = new SqliteDatabase(new SqliteStoreOptions { Path = path });
        var alerts = new SqliteAlertStore(live);
        await using var connectionA = OpenWriter();
        await using var connectionB = OpenWriter();
        // A writes its sums often (moving the watermark under B's pending sums), B holds them until the end.
        using var a = new SqliteBatchWriter(connectionA.Handle!, aggregateFlushRows: 7);
        using var b = new SqliteBatchWriter(connectionB.Handle!);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        for (var step = 0; step < 12; step++)
        {
            var writer = step % 2 == 0 ? a : b;
            // Ids overlap earlier batches of both writers and repeat inside the batch; new accounts, models and ips appear.
            var rows = Enumerable.Range(0, 40).Select(_ => random.Next(0, 30 * (step + 1))).Select(i => new RequestRecordBuilder()
                .WithId($"q-{i}").ForAccount($"acct-{i % (step + 3)}").ToModel($"m-{i % (step + 2)}").FromIp($"10.0.{step}.{i % 5}")
                .At(TestTime.At(i)).Build()).ToArray();
            var expected = rows.Select(r => r.RequestId).Distinct(StringComparer.Ordinal).Count(id => stored.Add(id));

            var added = writer.Write(Batches.Of(rows), CancellationToken.None);
            await alerts.RecordBatchAsync($"batch-{step}", "h", null, rows.Length, TestTime.At(step), CancellationToken.None);

            Assert.That(added, Is.EqualTo(expected), $"step {step}");
        }

        Assert.That((a.RequestIndexLoads, b.RequestIndexLoads), Is.EqualTo((1, 1)), "each writer read the request ids once");
        Assert.That((a.RequestIndexExtensions, b.RequestIndexExtensions), Is.EqualTo((5, 5)), "and extended its index with the other's rows");
        a.FlushAggregates(CancellationToken.None);
        b.FlushAggregates(CancellationToken.None);
        Assert.That(Query("SELECT count(*), count(DISTINCT request_id) FROM requests"), Is.EqualTo(new[] { $"{stored.Count} {stored.Count}" }));
        foreach (var table in new[] { "account_keys", "models", "ips" })
        {
            Assert.That(Query($"SELECT count(*) - count(DISTINCT value) FROM {table}"), Is.EqualTo(new[] { "0" }), table);
        }

        Assert.That(Query("SELECT count(*) FROM requests r LEFT JOIN models m ON m.id = r.model WHERE m.value IS NULL"), Is.EqualTo(new[] { "0" }));
        AssertAggregatesMatchTheRows();
    }

    [Test]
    public async Task ShouldRebuildTheIndexWhenAnotherProcessRewroteTheRequestsUnderTheSameIds()
    {
        await using var connection = OpenWriter();
        using var writer = new SqliteBatchWriter(connection.Handle!);
        writer.Write(Batches.Of(Requests("acct-1", 1, 4)), CancellationToken.None);

        // Another process empties the table and writes the same rows in another order: count, digest and last row id
        // are what the writer last saw, but the ids name other requests.
        Execute($"DELETE FROM requests; DELETE FROM content_digests WHERE name = '{SqliteRows.RequestsTable}'; UPDATE aggregate_watermark SET requests_upto = 0");
        await using (var other = OpenWriter())
        {
            using var rewriter = new SqliteBatchWriter(other.Handle!);
            rewriter.Write(Batches.Of(Requests("acct-1", 1, 4).Reverse().ToArray()), CancellationToken.None);
        }

        var added = writer.Write(Batches.Of(Requests("acct-1", 1, 5)), CancellationToken.None);

        Assert.That(added, Is.EqualTo(1), "only q-4 is new");
        Assert.That(Query("SELECT count(*), count(DISTINCT request_id) FROM requests"), Is.EqualTo(new[] { "4 4" }));
        Assert.That(writer.RequestIndexLoads, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldRebuildTheIndexWhenARowWasDeletedAndItsIdGivenToAnother()
    {
        await using var connection = OpenWriter();
        using var writer = new SqliteBatchWriter(connection.Handle!);
        writer.Write(Batches.Of(Requests("acct-1", 1, 6)), CancellationToken.None);

        // The last row is deleted behind the writers' back; the next writer's row takes its id.
        Execute("DELETE FROM requests WHERE id = 5");
        await using (var other = OpenWriter())
        {
            using var second = new SqliteBatchWriter(other.Handle!);
            second.Write(Batches.Of(Requests("acct-1", 6, 7)), CancellationToken.None);
        }

        var added = writer.Write(Batches.Of(Requests("acct-1", 1, 7)), CancellationToken.None);

        Assert.That(added, Is.EqualTo(1), "q-5 was deleted, so it is new; q-6 is stored");
        Assert.That(Query("SELECT count(*), count(DISTINCT request_id) FROM requests"), Is.EqualTo(new[] { "6 6" }));
        Assert.That(writer.RequestIndexLoads, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldReloadADictionaryWhoseLastRowAnotherConnectionChanged()
    {
        await using var connection = OpenWriter();
        using var writer = new SqliteBatchWriter(connection.Handle!);
        var r = new RequestRecordBuilder().ForAccount("acct-1");
        writer.Write(Batches.Of(r.WithId("q-1").ToModel("m-1").Build()), CancellationToken.None);

        Execute("UPDATE models SET value = 'm-renamed' WHERE value = 'm-1'");
        writer.Write(Batches.Of(r.WithId("q-2").ToModel("m-1").Build()), CancellationToken.None);

        Assert.That(
            Query("SELECT r.request_id || ' ' || m.value FROM requests r JOIN models m ON m.id = r.model ORDER BY r.id"),
            Is.EqualTo(new[] { "q-1 m-renamed", "q-2 m-1" }));
        Assert.That(writer.DictionaryDrops, Is.EqualTo(1));
        Assert.That(writer.RequestIndexLoads, Is.EqualTo(1), "the requests did not change");
    }

    [Test]
    public async Task ShouldDropEveryCacheWhenTheStoreWasMigrated()
    {
        await using var connection = OpenWriter();
        using var writer = new SqliteBatchWriter(connection.Handle!);
        writer.Write(Batches.Of(Requests("acct-1", 0, 3)), CancellationToken.None);

        Execute("INSERT INTO schema_migrations VALUES (9999, 'later', 'x', 'now')");
        var added = writer.Write(Batches.Of(Requests("acct-1", 0, 4)), CancellationToken.None);

        Assert.That(added, Is.EqualTo(1));
        Assert.That(writer.RequestIndexLoads, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldStoreEachFingerprintOnceWhenTwoWritersAddTheSameNewOnes()
    {
        // Fingerprints have no UNIQUE index (D34): each writer's cache, checked against the table under the write lock,
        // is what keeps a value once. Each step adds new fingerprints and repeats ones the other writer added.
        await using var connectionA = OpenWriter();
        await using var connectionB = OpenWriter();
        using var a = new SqliteBatchWriter(connectionA.Handle!);
        using var b = new SqliteBatchWriter(connectionB.Handle!);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var step = 0; step < 6; step++)
        {
            var rows = Enumerable.Range(step * 100, 100).Select(i => new RequestRecordBuilder().WithId($"q-{i}").ForAccount("acct-1")
                .WithPromptFingerprint($"tpl-{i % (20 * (step + 1))}").At(TestTime.At(i)).Build()).ToArray();
            foreach (var row in rows)
            {
                written[row.RequestId] = row.PromptFingerprint!;
            }

            (step % 2 == 0 ? a : b).Write(Batches.Of(rows), CancellationToken.None);
        }

        Assert.That(Query("SELECT count(*), count(DISTINCT value) FROM prompt_fingerprints"), Is.EqualTo(new[] { "120 120" }));
        var stored = Query("SELECT r.request_id, f.value FROM requests r JOIN prompt_fingerprints f ON f.id = r.prompt_fingerprint");
        Assert.That(stored, Is.EquivalentTo(written.Select(w => $"{w.Key} {w.Value}")), "every request names the fingerprint it came with");
    }

    private static RequestRecord[] Requests(string account, int from, int to) =>
        [.. Enumerable.Range(from, to - from).Select(i => new RequestRecordBuilder().WithId($"q-{i}").ForAccount(account).At(TestTime.At(i)).Build())];

    private SqliteConnection OpenWriter()
    {
        var connection = SqliteConnections.Open(new SqliteStoreOptions { Path = path }, forReading: false);
        SqliteMigrator.Apply(connection);
        return connection;
    }

    private void AssertAggregatesMatchTheRows()
    {
        Assert.That(
            Query("SELECT account || ' ' || requests || ' ' || first_ts || ' ' || last_ts FROM account_stats ORDER BY account"),
            Is.EqualTo(Query("SELECT account || ' ' || count(*) || ' ' || min(ts) || ' ' || max(ts) FROM requests GROUP BY account ORDER BY account")).And.Not.Empty);
        Assert.That(
            Query("SELECT account || ' ' || ip || ' ' || requests FROM account_ip_stats ORDER BY account, ip"),
            Is.EqualTo(Query("SELECT account || ' ' || ip || ' ' || count(*) FROM requests WHERE ip <> 0 GROUP BY account, ip ORDER BY account, ip")));
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<string> Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var fields = new string[reader.FieldCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!;
            }

            rows.Add(string.Join(' ', fields));
        }

        return rows;
    }
}
