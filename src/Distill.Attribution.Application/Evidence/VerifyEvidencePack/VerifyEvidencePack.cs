using Distill.Attribution.Application.Abstractions;
using Distill.Attribution.Application.Access.Authorization;
using Distill.Attribution.Application.Messaging;
using FluentValidation;

namespace Distill.Attribution.Application.Evidence.VerifyEvidencePack;

/// <summary>
/// Verifies a pack file offline: every hash in its manifest, the set of entries, and the manifest's signature;
/// with <see cref="TrustedFingerprints"/> (the provider's published key fingerprints, lower-case hex) also that
/// the signing key is one of them. Anonymous on purpose: it reads nothing but what it is given.
/// </summary>
public sealed record VerifyEvidencePackQuery(string PackPath, IReadOnlyCollection<string>? TrustedFingerprints = null)
    : IRequest<EvidencePackVerification>, IAllowAnonymous;

internal sealed class VerifyEvidencePackHandler(IEvidencePackVerifier verifier) : IRequestHandler<VerifyEvidencePackQuery, EvidencePackVerification>
{
    public async Task<EvidencePackVerification> Handle(VerifyEvidencePackQuery request, CancellationToken ct)
    {
        var result = await verifier.VerifyAsync(request.PackPath, ct);
        if (request.TrustedFingerprints is not { } trusted || result.PublicKeyFingerprint is not { } signer)
        {
            return result;
        }

        // A pack re-signed with any other key verifies perfectly against the key it carries: only the pinned list says who signed.
        if (trusted.Contains(signer.ToLowerInvariant()))
        {
            return result with { SignerTrusted = true };
        }

        return result with
        {
            SignerTrusted = false,
            Problems = [.. result.Problems, new PackProblem(PackProblemKind.UntrustedKey, "public-key.pem",
                $"signed by key sha256 {signer}, which is not one of the {trusted.Count} trusted fingerprint(s) given; whoever signed this pack is not the provider whose keys you pinned")],
        };
    }
}

internal sealed class VerifyEvidencePackValidator : AbstractValidator<VerifyEvidencePackQuery>
{
    public VerifyEvidencePackValidator() => RuleFor(q => q.PackPath).NotEmpty();
}
