namespace Distill.Attribution.Application.Abstractions;

/// <summary>The outcome of verifying a pack: valid only with no problem at all.</summary>
public sealed record EvidencePackVerification(
    IReadOnlyList<PackProblem> Problems,
    int CheckedEntries,
    string? ManifestSha256,
    string? PublicKeyFingerprint)
{
    public bool IsValid => Problems.Count == 0;
}
