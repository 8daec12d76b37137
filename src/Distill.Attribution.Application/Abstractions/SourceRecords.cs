using Distill.Attribution.Domain.Records;

namespace Distill.Attribution.Application.Abstractions;

/// <summary>Source records read for an evidence pack, each list in a stable order (by key, then time).</summary>
public sealed record SourceRecords(
    IReadOnlyList<AccountRecord> Accounts,
    IReadOnlyList<PaymentRecord> Payments,
    IReadOnlyList<SessionRecord> Sessions,
    IReadOnlyList<RequestRecord> Requests)
{
    public static SourceRecords Empty { get; } = new([], [], [], []);
}
