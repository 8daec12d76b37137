namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// A pack signing key as published: its id, the SHA-256 fingerprint of its public key (what verify-pack compares),
/// when it was created and retired, and the public key as PEM. The private key never appears here.
/// </summary>
public sealed record SigningKeyInfo(string KeyId, string Fingerprint, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, string PublicKeyPem)
{
    /// <summary>The id derived from a fingerprint: "sk-" and its first 16 hex digits.</summary>
    public static string IdOf(string fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return "sk-" + fingerprint[..16];
    }
}
