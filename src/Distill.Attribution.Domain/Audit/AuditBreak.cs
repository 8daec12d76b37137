namespace Distill.Attribution.Domain.Audit;

/// <summary>The first entry where the audit chain is broken, and why.</summary>
public sealed record AuditBreak(long Sequence, string Reason);
