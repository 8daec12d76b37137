namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// The default signer: the PEM key file of <see cref="PemSigningKeyProvider"/> (created on first use), loaded for
/// each call so that the key lives in memory only while it signs, and RFC 6979 signatures. With a
/// <see cref="SigningKeyRing"/> (as registered), the key that signs is entered in the public register first, so
/// every key that ever signed a pack is listed by <c>distill signing-key export-public</c>.
/// </summary>
internal sealed class PemManifestSigner(PemSigningKeyProvider keys, SigningKeyRing? ring = null) : IManifestSigner
{
    public byte[] ExportSubjectPublicKeyInfo()
    {
        ring?.Active();
        using var key = keys.Load();
        return key.ExportSubjectPublicKeyInfo();
    }

    public byte[] SignHash(ReadOnlySpan<byte> sha256Digest)
    {
        using var key = keys.Load();
        return new DeterministicEcdsaSigner(key).SignHash(sha256Digest);
    }
}
