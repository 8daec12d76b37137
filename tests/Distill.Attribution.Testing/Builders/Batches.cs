using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Testing.Builders;

/// <summary>Wraps records into an <see cref="IngestBatch"/> of their kind.</summary>
public static class Batches
{
    public static IngestBatch Of(params AccountRecord[] rows) => new() { Kind = RecordKind.Accounts, Source = "accounts.csv", Accounts = rows };
    public static IngestBatch Of(params PaymentRecord[] rows) => new() { Kind = RecordKind.Payments, Source = "payments.csv", Payments = rows };
    public static IngestBatch Of(params SessionRecord[] rows) => new() { Kind = RecordKind.Sessions, Source = "sessions.csv", Sessions = rows };
    public static IngestBatch Of(params RequestRecord[] rows) => new() { Kind = RecordKind.Requests, Source = "requests.csv", Requests = rows };
    public static IngestBatch Of(params ReleaseRecord[] rows) => new() { Kind = RecordKind.Releases, Source = "releases.csv", Releases = rows };
    public static IngestBatch Of(params IndicatorRecord[] rows) => new() { Kind = RecordKind.Indicators, Source = "indicators.csv", Indicators = rows };
}
