using System.Text.Json;
using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Detection;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Infrastructure.Tests.Sqlite;
using Distill.Attribution.Neo4j;
using Distill.Attribution.Sqlite;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

public sealed class CrossStoreSnapshotTests
{
    [Test]
    public async Task ShouldGiveTheSameSnapshotAndHashAsTheSqliteStore()
    {
        var t0 = new DateTimeOffset(2026, 1, 5, 13, 0, 0, TimeSpan.Zero);
        var rnd = new Random(7);
        var accounts = new List<AccountRecord>();
        for (var i = 0; i < 40; i++)
        {
            accounts.Add(new AccountRecord($"acct-{i:D3}", t0.AddMinutes(-i).AddTicks(1234), i % 3 == 0 ? null : $"d{i % 4}.example", i % 5 == 0 ? new string('a', 64) : null, i % 2 == 0 ? "Name" : null, i % 7 == 0 ? "Org" : null, (AccessPathway)(i % 7), i % 2 == 0 ? "DE" : null, i % 4 == 0 ? null : (AccountStatus)(i % 3)));
        }

        var payments = new List<PaymentRecord>();
        for (var i = 0; i < 30; i++)
        {
            payments.Add(new PaymentRecord($"acct-{rnd.Next(45):D3}", $"fp-{i % 9}", i % 4 == 0 ? null : (PaymentKind)(i % 6), i % 3 == 0 ? null : "411111", i % 2 == 0 ? "US" : null, t0.AddSeconds(i)));
        }

        payments = payments.GroupBy(p => (p.AccountId, p.InstrumentFingerprint)).Select(g => g.First()).ToList();
        var sessions = new List<SessionRecord>();
        for (var i = 0; i < 60; i++)
        {
            sessions.Add(new SessionRecord($"acct-{rnd.Next(45):D3}", i % 5 == 0 ? "2001:db8::1" : $"10.0.0.{i % 6}", t0.AddSeconds(rnd.Next(20)), i % 3 == 0 ? null : 64500 + (i % 4), i % 4 == 0 ? null : $"AS{i % 3}", i % 2 == 0 ? null : (IpType)(i % 7)));
        }

        sessions = sessions.GroupBy(s => (s.AccountId, s.Ip, s.SeenAt)).Select(g => g.First()).ToList();
        var requests = new List<RequestRecord>();
        for (var i = 0; i < 500; i++)
        {
            requests.Add(new RequestRecord($"r-{i:D4}", $"acct-{rnd.Next(48):D3}", t0.AddMilliseconds(rnd.Next(100_000)), $"m-{i % 3}", i % 4 == 0 ? null : $"cap-{i % 5}", i % 3 == 0 ? null : $"pf-{i % 7}", i % 5 == 0 ? null : $"10.0.1.{i % 9}", i % 6 == 0 ? null : "sdk/1", i % 8 == 0 ? null : i, i % 9 == 0 ? null : 10L * i));
        }

        var releases = new List<ReleaseRecord> { new("m-1", t0.AddDays(-3)), new("m-9", t0) };
        var indicators = new List<IndicatorRecord>
        {
            new("op-b", "B", IndicatorKind.Ip, "10.0.0.1", 0.9, "peer"),
            new("op-a", null, IndicatorKind.Asn, "64501", 0.3, null),
            new("op-a", "A", IndicatorKind.EmailDomain, "d1.example", 1.0, null),
        };

        var path = TempDatabase.NewPath();
        try
        {
            await using var sqlite = await SqliteGraphStore.OpenAsync(path, CancellationToken.None);
            await sqlite.WriteBatchAsync(new IngestBatch { Kind = RecordKind.Accounts, Source = "a", Accounts = accounts }, CancellationToken.None);
            await sqlite.WriteBatchAsync(new IngestBatch { Kind = RecordKind.Payments, Source = "p", Payments = payments }, CancellationToken.None);
            await sqlite.WriteBatchAsync(new IngestBatch { Kind = RecordKind.Sessions, Source = "s", Sessions = sessions }, CancellationToken.None);
            await sqlite.WriteBatchAsync(new IngestBatch { Kind = RecordKind.Requests, Source = "r", Requests = requests }, CancellationToken.None);
            await sqlite.WriteBatchAsync(new IngestBatch { Kind = RecordKind.Releases, Source = "rel", Releases = releases }, CancellationToken.None);
            await sqlite.WriteBatchAsync(new IngestBatch { Kind = RecordKind.Indicators, Source = "i", Indicators = indicators }, CancellationToken.None);
            var fromSqlite = await sqlite.LoadSnapshotAsync(null, CancellationToken.None);

            // What the Neo4j loader hands the assembler for the same contents (arrival order scrambled).
            var asm = new SnapshotAssembler();
            var known = accounts.Select(a => a.AccountId).ToHashSet();
            foreach (var a in Enumerable.Reverse(accounts))
            {
                asm.AddAccount(a.AccountId, a.CreatedAt.ToUnixTimeMilliseconds(), a.AccessPathway, a.EmailDomain, a.EmailHash, a.DisplayName, a.OrgName, a.Country, a.Status);
            }

            foreach (var stub in payments.Select(p => p.AccountId).Concat(sessions.Select(s => s.AccountId)).Concat(requests.Select(r => r.AccountId)).Distinct().Where(id => !known.Contains(id)))
            {
                asm.AddAccount(stub, null, null, null, null, null, null, null, null);
            }

            asm.SealAccounts(requests.Count);
            foreach (var p in Enumerable.Reverse(payments))
            {
                asm.AddPayment(p.AccountId, p.InstrumentFingerprint, p.Kind, p.Bin, p.IssuerCountry, p.FirstSeen.ToUnixTimeMilliseconds());
            }

            foreach (var s in Enumerable.Reverse(sessions))
            {
                asm.AddSession(s.AccountId, s.Ip, s.SeenAt.ToUnixTimeMilliseconds(), s.Asn, s.AsnOrg, s.IpType);
            }

            var rowId = 1000L;
            foreach (var group in requests.GroupBy(r => r.AccountId).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                asm.AddRequestPage(group.Reverse().Select(r => new SnapshotAssembler.RequestRow(r.AccountId, rowId++, r.RequestId, r.Ts.ToUnixTimeMilliseconds(), r.Model, r.Capability, r.PromptFingerprint, r.Ip, r.Client, r.InputTokens, r.OutputTokens)).ToList());
            }

            foreach (var r in releases)
            {
                asm.AddRelease(r.Model, r.ReleasedAt.ToUnixTimeMilliseconds());
            }

            foreach (var i in indicators)
            {
                asm.AddIndicator(i);
            }

            var fromNeo = asm.Build();
            var ids = await sqlite.ResolveRequestIdsAsync(fromSqlite.RequestRowId, CancellationToken.None);
            TestContext.Out.WriteLine($"accounts {fromNeo.AccountCount}, requests {fromNeo.RequestCount}, sessions {fromNeo.SessionAccount.Length}");
            Assert.That(Text(fromNeo), Is.EqualTo(Text(fromSqlite)));
            Assert.That(fromNeo.InputHash, Is.EqualTo(fromSqlite.InputHash));
        }
        finally
        {
            TempDatabase.Delete(path);
        }
    }

    private static string Text(DetectionSnapshot s)
    {
        var node = JsonSerializer.SerializeToNode(s)!.AsObject();
        node.Remove(nameof(DetectionSnapshot.RequestRowId));
        node.Remove(nameof(DetectionSnapshot.InputHash));
        return node.ToJsonString();
    }
}
