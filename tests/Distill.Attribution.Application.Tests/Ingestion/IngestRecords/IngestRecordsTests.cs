using Distill.Attribution.Application.Ingestion.IngestRecords;
using Distill.Attribution.Domain.Records;
using Distill.Attribution.Testing.Fakes;

namespace Distill.Attribution.Application.Tests.Ingestion.IngestRecords;

public sealed class IngestRecordsTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 5, 13, 4, 11, TimeSpan.Zero);

    [Test]
    public async Task ShouldWriteValidRecordsAndRejectTheRestWithoutTheirValues()
    {
        var store = new InMemoryIngestStore();
        var records = new RecordSet
        {
            Accounts =
            [
                new AccountRecord("a-1", At, null, null, null, null, AccessPathway.Education, "FR", AccountStatus.Active),
                new AccountRecord(new string('x', 129), At, null, null, null, null, AccessPathway.Education, null, null),
                new AccountRecord("a-3", At, null, "not-a-hash", null, null, AccessPathway.Education, null, null),
            ],
            Payments =
            [
                new PaymentRecord("a-1", "4111-1111-1111-1111", PaymentKind.Card, null, null, At),
                new PaymentRecord("a-1", "tok-1", PaymentKind.Card, "411111", "FR", At),
            ],
            Sessions = [new SessionRecord("a-1", "2001:DB8:0:0::1", At, 64500, null, IpType.Vpn), new SessionRecord("a-1", "010.0.0.1", At, null, null, null)],
            Requests =
            [
                new RequestRecord("r-1", "a-1", At, "m", null, null, "203.0.113.7", null, 10, 20),
                new RequestRecord("r-2", "a-1", At, "m", null, null, null, null, -1, null),
            ],
            Indicators = [new IndicatorRecord("op", null, IndicatorKind.Cidr, "203.0.113.0/33", 0.9, null), new IndicatorRecord("op", null, IndicatorKind.Asn, "AS64500", 1.5, null)],
        };

        var result = await new IngestRecordsHandler(store).Handle(new IngestRecordsCommand(records, "tool"), CancellationToken.None);

        Assert.That(result.Read, Is.EqualTo(records.Count));
        Assert.That(result.Rejects.Select(r => (r.Kind, r.Index, r.Field)), Is.EquivalentTo(new[]
        {
            (RecordKind.Accounts, 1, "account_id"), (RecordKind.Accounts, 2, "email_hash"),
            (RecordKind.Payments, 0, "instrument_fingerprint"),
            (RecordKind.Sessions, 1, "ip"),
            (RecordKind.Requests, 1, "input_tokens"),
            (RecordKind.Indicators, 0, "value"), (RecordKind.Indicators, 1, "confidence"),
        }));
        Assert.That(result.Rejects.Any(r => r.Reason.Contains("4111", StringComparison.Ordinal)), Is.False);
        Assert.That(store.Accounts.Keys, Is.EquivalentTo(new[] { "a-1" }));
        Assert.That(store.Requests.Keys, Is.EquivalentTo(new[] { "r-1" }));
        var stored = store.Batches.SelectMany(b => b.Payments).Select(p => p.InstrumentFingerprint);
        Assert.That(stored, Is.EqualTo(new[] { "tok-1" }));
        Assert.That(store.Batches.SelectMany(b => b.Sessions).Single().Ip, Is.EqualTo("2001:db8::1"), "IPv6 stored in canonical form");
        Assert.That(store.Batches.Select(b => b.Source).Distinct(), Is.EqualTo(new[] { "tool" }));
    }

    [Test]
    public void ShouldStopWhenCancelled()
    {
        var store = new InMemoryIngestStore();
        var records = new RecordSet { Releases = [new ReleaseRecord("m", At)] };
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.That(
            async () => await new IngestRecordsHandler(store).Handle(new IngestRecordsCommand(records), cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(store.Batches, Is.Empty);
    }
}
