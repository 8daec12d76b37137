using System.Security.Cryptography;
using System.Text;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// STIX identifiers as name-based UUIDv5 (RFC 9562 §5.5): the same run and cluster give the same ids, which
/// keeps packs reproducible. Cyber-observables use the STIX namespace over their contributing properties,
/// as STIX 2.1 §2.9 asks, so the same IP gets the same id in anyone's bundle.
/// </summary>
internal static class StixIds
{
    /// <summary>The namespace STIX 2.1 defines for deterministic SCO ids.</summary>
    public static readonly Guid StixNamespace = new("00abedb4-aa42-466c-9c01-fed23315a9b7");

    /// <summary>Our namespace for domain objects (a fixed random UUID).</summary>
    public static readonly Guid PackNamespace = new("5d1f7c2e-8a43-4b6e-9f0a-3c2d1e4b5a69");

    public static string Domain(string type, string name) => $"{type}--{UuidV5(PackNamespace, $"{type}|{name}")}";

    public static string Observable(string type, string canonicalJson) => $"{type}--{UuidV5(StixNamespace, canonicalJson)}";

    public static Guid UuidV5(Guid space, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[16 + nameBytes.Length];
        space.TryWriteBytes(buffer, bigEndian: true, out _);
        nameBytes.CopyTo(buffer, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5 UUIDs; it is a name hash, not security.
        var hash = SHA1.HashData(buffer);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
