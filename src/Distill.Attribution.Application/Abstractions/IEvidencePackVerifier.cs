namespace Distill.Attribution.Application.Abstractions;

/// <summary>Checks a pack using nothing but the pack: every listed hash, the entry set and the manifest signature.</summary>
public interface IEvidencePackVerifier
{
    Task<EvidencePackVerification> VerifyAsync(string path, CancellationToken ct);
}
