using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Audit;

namespace Distill.Attribution.Application.Audit.AppendAuditEntry;

/// <summary>
/// Records one API request in the audit trail. Anonymous on purpose: refused and unauthenticated requests
/// are audited too.
/// </summary>
public sealed record AppendAuditEntryCommand(
    string KeyId,
    string Role,
    string? OperationName,
    string DocumentHash,
    string VariablesJson,
    string Outcome) : IRequest<AuditEntry>, IAllowAnonymous;

internal sealed class AppendAuditEntryHandler(IAccessStore store, IClock clock) : IRequestHandler<AppendAuditEntryCommand, AuditEntry>
{
    public Task<AuditEntry> Handle(AppendAuditEntryCommand request, CancellationToken ct)
    {
        var now = clock.UtcNow;
        return store.AppendAuditAsync(
            previous => AuditChain.Append(previous, now, request.KeyId, request.Role, request.OperationName, request.DocumentHash, request.VariablesJson, request.Outcome),
            ct);
    }
}
