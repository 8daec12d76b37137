using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Evidence.VerifyEvidencePack;

/// <summary>
/// Verifies a pack file offline: every hash in its manifest, the set of entries, and the manifest's signature.
/// Anonymous on purpose: it reads nothing but the file it is given (an outside party runs it too).
/// </summary>
public sealed record VerifyEvidencePackQuery(string PackPath) : IRequest<EvidencePackVerification>, IAllowAnonymous;

internal sealed class VerifyEvidencePackHandler(IEvidencePackVerifier verifier) : IRequestHandler<VerifyEvidencePackQuery, EvidencePackVerification>
{
    public Task<EvidencePackVerification> Handle(VerifyEvidencePackQuery request, CancellationToken ct) =>
        verifier.VerifyAsync(request.PackPath, ct);
}

internal sealed class VerifyEvidencePackValidator : AbstractValidator<VerifyEvidencePackQuery>
{
    public VerifyEvidencePackValidator() => RuleFor(q => q.PackPath).NotEmpty();
}
