using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Infrastructure.Tests.Neo4j;

/// <summary>The small input the Neo4j contract tests ingest (every record kind, a stub account, shared values).</summary>
internal static class ContractSample
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 13, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<IngestBatch> Batches() =>
    [
        new IngestBatch
        {
            Kind = RecordKind.Accounts,
            Source = "accounts.csv",
            Accounts =
            [
                new AccountRecord("acct-2", T0, "uni.example", null, null, null, AccessPathway.Education, "DE", null),
                new AccountRecord("acct-1", T0.AddDays(-3), "mail.example", null, "A", "Org", AccessPathway.SelfServe, null, AccountStatus.Active),
                new AccountRecord("acct-3", T0, null, null, null, null, AccessPathway.Enterprise, null, null),
            ],
        },
        new IngestBatch
        {
            Kind = RecordKind.Payments,
            Source = "payments.csv",
            Payments =
            [
                new PaymentRecord("acct-1", "fp-shared", PaymentKind.Card, "411111", "US", T0),
                new PaymentRecord("acct-2", "fp-shared", PaymentKind.Card, "411111", "US", T0),
                new PaymentRecord("acct-1", "fp-solo", null, null, null, T0),
            ],
        },
        new IngestBatch
        {
            Kind = RecordKind.Sessions,
            Source = "sessions.csv",
            Sessions =
            [
                new SessionRecord("acct-1", "203.0.113.7", T0, 64500, "Example AS", IpType.Datacenter),
                new SessionRecord("acct-1", "203.0.113.7", T0.AddHours(1), null, null, null),
                new SessionRecord("acct-2", "2001:db8::1", T0, null, null, IpType.Vpn),
            ],
        },
        new IngestBatch
        {
            Kind = RecordKind.Requests,
            Source = "requests.csv",
            Requests =
            [
                new RequestRecord("r1", "acct-1", T0, "m1", "reasoning_cot", "pf-1", "203.0.113.7", "sdk/1", 10, 200),
                new RequestRecord("r2", "acct-1", T0.AddMilliseconds(250), "m1", null, null, null, null, null, null),
                new RequestRecord("r3", "acct-2", T0, "m2", "chat", "pf-1", "2001:db8::1", "sdk/1", 5, 5),
                new RequestRecord("r4", "acct-orphan", T0, "m2", null, null, null, null, null, null),
            ],
        },
        new IngestBatch { Kind = RecordKind.Releases, Source = "releases.csv", Releases = [new ReleaseRecord("m2", T0.AddDays(-1))] },
        new IngestBatch
        {
            Kind = RecordKind.Indicators,
            Source = "indicators.csv",
            Indicators =
            [
                new IndicatorRecord("op-a", "Example Lab", IndicatorKind.Ip, "203.0.113.7", 1.0, "peer"),
                new IndicatorRecord("op-a", "Example Lab", IndicatorKind.Asn, "64500", 0.9, null),
            ],
        },
    ];
}
