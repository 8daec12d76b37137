using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using Distill.Attribution.Domain.Audit;
using FluentValidation;

namespace Distill.Attribution.Application.Audit.ListAuditEntries;

/// <summary>A page of the audit trail for admins, oldest first from <see cref="FromSequence"/>.</summary>
public sealed record ListAuditEntriesQuery(long FromSequence, int Limit) : IRequest<IReadOnlyList<AuditEntry>>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.ReadAudit;
}

internal sealed class ListAuditEntriesHandler(IAccessStore store) : IRequestHandler<ListAuditEntriesQuery, IReadOnlyList<AuditEntry>>
{
    public async Task<IReadOnlyList<AuditEntry>> Handle(ListAuditEntriesQuery request, CancellationToken ct)
    {
        var page = new List<AuditEntry>(request.Limit);
        await foreach (var entry in store.ReadAuditAsync(request.FromSequence, ct))
        {
            page.Add(entry);
            if (page.Count == request.Limit)
            {
                break;
            }
        }

        return page;
    }
}

internal sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesValidator()
    {
        RuleFor(q => q.FromSequence).GreaterThanOrEqualTo(1);
        RuleFor(q => q.Limit).InclusiveBetween(1, 1000);
    }
}
