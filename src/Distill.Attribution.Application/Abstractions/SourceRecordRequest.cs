namespace Distill.Attribution.Application.Abstractions;

/// <summary>
/// Which source records to read: accounts by id, payments by (account, instrument fingerprint), every session
/// row of an (account, IP) pair, and requests by the store's row id.
/// </summary>
public sealed record SourceRecordRequest(
    IReadOnlyList<string> Accounts,
    IReadOnlyList<(string Account, string Instrument)> Payments,
    IReadOnlyList<(string Account, string Ip)> Sessions,
    IReadOnlyList<long> RequestRowIds);
