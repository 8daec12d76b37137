namespace Distill.Attribution.Domain.Audit;

/// <summary>
/// One request in the append-only audit trail. <see cref="Hash"/> covers every other field and the previous
/// entry's hash, so changing, removing or reordering any entry breaks the chain from there on.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string KeyId,
    string Role,
    string? OperationName,
    string DocumentHash,
    string VariablesJson,
    string Outcome,
    string PreviousHash,
    string Hash);
