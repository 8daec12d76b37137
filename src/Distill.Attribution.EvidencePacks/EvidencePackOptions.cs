namespace Distill.Attribution.EvidencePacks;

/// <summary>Where the pack signing key and the detector's measured quality live.</summary>
public sealed class EvidencePackOptions
{
    /// <summary>PEM file of the ECDSA P-256 signing key, created (mode 0600) on first use. Kept outside the store
    /// so that whoever copies the database does not get the key. The hosts set <c>&lt;store&gt;.pack-key.pem</c>; the default is that of the default store.</summary>
    public string KeyPath { get; set; } = "./distill.db.pack-key.pem";

    /// <summary>JSON written by <c>distill evaluate</c> (precision, recall, f1, method); absent means "not measured".</summary>
    public string QualityPath { get; set; } = "./docs/quality.json";

    /// <summary>Who provides the API (the STIX identity that authors the bundle).</summary>
    public string ProviderName { get; set; } = "Distill.Attribution API provider";
}
