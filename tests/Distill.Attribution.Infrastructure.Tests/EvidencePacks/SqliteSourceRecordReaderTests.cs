using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.Tests.Sqlite;
using Distill.Attribution.Sqlite;
using Distill.Attribution.Sqlite.Sources;
using Distill.Attribution.Testing.Builders;
using Microsoft.Data.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.EvidencePacks;

public sealed class SqliteSourceRecordReaderTests
{
    private string path = "";

    [SetUp]
    public void NewPath() => path = TempDatabase.NewPath();

    [TearDown]
    public void DeleteFiles() => TempDatabase.Delete(path);

    [Test]
    public async Task ShouldReadTheCitedRecordsBackAsIngested()
    {
        var account = new AccountRecord("acct-1", TestTime.At(0), "example.org", new string('a', 64), "Ann", "Acme", AccessPathway.Education, "DE", AccountStatus.Suspended);
        var bare = new AccountRecord("acct-2", TestTime.At(5), null, null, null, null, AccessPathway.SelfServe, null, null);
        var payment = new PaymentRecord("acct-1", "fp-card-9", PaymentKind.Card, "411111", "DE", TestTime.At(10));
        var s1 = new SessionRecord("acct-1", "203.0.113.7", TestTime.At(20), 64500, "Example ISP", IpType.Residential);
        var s2 = new SessionRecord("acct-1", "203.0.113.7", TestTime.At(30), null, null, null);
        var other = new SessionRecord("acct-1", "198.51.100.1", TestTime.At(40), null, null, null);
        var r1 = new RequestRecord("req-a", "acct-1", TestTime.Epoch.AddMilliseconds(50_123), "m-1", "reasoning_cot", "tpl-1", "203.0.113.7", "sdk/1", 10, 20);
        var r2 = new RequestRecord("req-b", "acct-2", TestTime.At(60), "m-2", null, null, null, null, null, null);
        await using (var store = await SqliteGraphStore.OpenAsync(path, CancellationToken.None))
        {
            await store.WriteBatchAsync(Batches.Of(account, bare), CancellationToken.None);
            await store.WriteBatchAsync(Batches.Of(payment), CancellationToken.None);
            await store.WriteBatchAsync(Batches.Of(s1, s2, other), CancellationToken.None);
            await store.WriteBatchAsync(Batches.Of(r1, r2), CancellationToken.None);
        }

        var rowA = RowIdOf("req-a");
        var rowB = RowIdOf("req-b");
        var reader = new SqliteSourceRecordReader(new SqliteStoreOptions { Path = path });

        var read = await reader.ReadAsync(new SourceRecordRequest(
            ["acct-1", "acct-2", "nobody"],
            [("acct-1", "fp-card-9"), ("acct-2", "fp-card-9")],
            [("acct-1", "203.0.113.7")],
            [rowA, rowB, 999_999]), CancellationToken.None);

        Assert.That(read.Accounts, Is.EqualTo(new[] { account, bare }));
        Assert.That(read.Payments, Is.EqualTo(new[] { payment }));
        Assert.That(read.Sessions, Is.EqualTo(new[] { s1, s2 }));
        Assert.That(read.Requests, Is.EqualTo(new[] { r1, r2 }), string.Join(" | ", read.Requests));
    }

    private long RowIdOf(string requestId)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT id FROM requests WHERE request_id = $id";
        cmd.Parameters.AddWithValue("$id", requestId);
        return (long)cmd.ExecuteScalar()!;
    }
}
