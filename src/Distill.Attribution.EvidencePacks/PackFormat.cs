namespace Distill.Attribution.EvidencePacks;

/// <summary>The fixed names of a pack's integrity entries and its format tag.</summary>
internal static class PackFormat
{
    public const string Format = "distill-evidence-pack/1";
    public const string Manifest = "manifest.json";
    public const string Signature = "manifest.sig";
    public const string PublicKey = "public-key.pem";
    public const string SignatureAlgorithm = "ECDSA-P256-SHA256";
}
