namespace Distill.Attribution.Infrastructure.EvidencePacks;

/// <summary>
/// The default signer: the PEM key file of <see cref="PemSigningKeyProvider"/> (created on first use), loaded for
/// each call so that the key lives in memory only while it signs, and RFC 6979 signatures.
/// </summary>
internal sealed class PemManifestSigner(PemSigningKeyProvider keys) : IManifestSigner
{
    public byte[] ExportSubjectPublicKeyInfo()
    {
        using var key = keys.Load();
        return key.ExportSubjectPublicKeyInfo();
    }

    public byte[] SignHash(ReadOnlySpan<byte> sha256Digest)
    {
        using var key = keys.Load();
        return new DeterministicEcdsaSigner(key).SignHash(sha256Digest);
    }
}
