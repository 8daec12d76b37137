namespace Distill.Attribution.Application.Abstractions;

/// <summary>Where a pack was written, the hex SHA-256 of its signed manifest, and the signing key's fingerprint.</summary>
public sealed record EvidencePackWritten(string Path, string ManifestSha256, string PublicKeyFingerprint, int EntryCount);
