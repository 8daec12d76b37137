namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// Signs a pack's manifest: the seam where a key file could be replaced by an HSM or a cloud KMS. The pack
/// carries the public key and a DER (RFC 3279) ECDSA P-256 / SHA-256 signature, which is what verify-pack and
/// <c>openssl dgst -verify</c> check. A signer that wants byte-identical packs must sign deterministically.
/// </summary>
internal interface IManifestSigner
{
    /// <summary>The public key as a DER SubjectPublicKeyInfo (what public-key.pem holds and the fingerprint hashes).</summary>
    byte[] ExportSubjectPublicKeyInfo();

    /// <summary>A DER-encoded ECDSA P-256 signature over a SHA-256 digest.</summary>
    byte[] SignHash(ReadOnlySpan<byte> sha256Digest);
}
