using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Audit;

namespace Distill.Attribution.Application.Audit.VerifyAuditTrail;

/// <summary>Checks the whole audit chain and its anchor outside the store; names the first broken entry.</summary>
public sealed record VerifyAuditTrailQuery : IRequest<VerifyAuditTrailResult>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.ReadAudit;
}

public sealed record VerifyAuditTrailResult(long Entries, AuditBreak? FirstBreak, long AnchoredEntries = 0)
{
    public bool Intact => FirstBreak is null;
}

internal sealed class VerifyAuditTrailHandler(IAccessStore store) : IRequestHandler<VerifyAuditTrailQuery, VerifyAuditTrailResult>
{
    public async Task<VerifyAuditTrailResult> Handle(VerifyAuditTrailQuery request, CancellationToken ct)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in store.ReadAuditAsync(1, ct))
        {
            entries.Add(entry);
        }

        // The chain alone cannot show a deleted tail or a recomputed chain: the anchor outside the store can.
        var anchor = await store.ReadAuditAnchorAsync(ct);
        return new VerifyAuditTrailResult(entries.Count, AuditChain.Verify(entries, anchor), anchor.Sequence);
    }
}
