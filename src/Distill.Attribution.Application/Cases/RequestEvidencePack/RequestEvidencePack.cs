using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Clusters;
using Distill.Attribution.Application.Common;
using Distill.Attribution.Application.Messaging;
using Distill.Attribution.Domain.Access;
using FluentValidation;

namespace Distill.Attribution.Application.Cases.RequestEvidencePack;

/// <summary>Asks for the evidence pack of a cluster (legal role).</summary>
public sealed record RequestEvidencePackCommand(string ClusterId) : IRequest<EvidencePackRequestResult>, IRequireRight
{
    public AccessRight RequiredRight => AccessRight.RequestEvidencePack;
}

/// <summary>The answer to an evidence-pack request: its status, where to get the pack once there is one, and a message.</summary>
public sealed record EvidencePackRequestResult(string ClusterId, EvidencePackStatus Status, string? Location, string Message);

/// <summary>
/// Evidence packs belong to a later issue: until then this says so plainly instead of pretending a pack exists.
/// It still checks the cluster, so a caller learns about a wrong id now.
/// </summary>
internal sealed class RequestEvidencePackHandler(RunCache cache) : IRequestHandler<RequestEvidencePackCommand, EvidencePackRequestResult>
{
    public async Task<EvidencePackRequestResult> Handle(RequestEvidencePackCommand request, CancellationToken ct)
    {
        var run = await cache.GetAsync(ct);
        if (run?.Find(request.ClusterId) is null)
        {
            throw new NotFoundException("cluster", request.ClusterId);
        }

        return new EvidencePackRequestResult(request.ClusterId, EvidencePackStatus.NotAvailable, null,
            "Evidence packs are not available in this version; nothing was queued. Use the cluster's evidenceChains meanwhile.");
    }
}

internal sealed class RequestEvidencePackValidator : AbstractValidator<RequestEvidencePackCommand>
{
    public RequestEvidencePackValidator() => RuleFor(c => c.ClusterId).ValidClusterId();
}
