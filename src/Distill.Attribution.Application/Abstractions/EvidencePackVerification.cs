namespace Distill.Attribution.Application.Abstractions;

/// <summary>The outcome of verifying a pack: valid only with no problem at all.</summary>
public sealed record EvidencePackVerification(
    IReadOnlyList<PackProblem> Problems,
    int CheckedEntries,
    string? ManifestSha256,
    string? PublicKeyFingerprint)
{
    public bool IsValid => Problems.Count == 0;

    /// <summary>Findings that change no content (e.g. directory entries a re-zip adds): printed, not failed.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True or false when checked against a trusted-keys list; null when no list was given (the signer is unverified).</summary>
    public bool? SignerTrusted { get; init; }
}
