using System.Security.Cryptography;
using System.Text.Json;
using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.Infrastructure.EvidencePacks;

/// <summary>
/// Verifies a pack with nothing but the pack. manifest.sig carries the manifest's SHA-256 and a signature over
/// it, which lets a single change be named exactly: a signature that verifies against the recorded digest but
/// not the manifest's bytes means manifest.json was altered; one that verifies against neither means
/// manifest.sig was. The key in the pack is trusted only as far as its fingerprint matches the one the
/// provider publishes (printed for the reader to compare).
/// </summary>
internal sealed class ZipEvidencePackVerifier : IEvidencePackVerifier
{
    public async Task<EvidencePackVerification> VerifyAsync(string path, CancellationToken ct)
    {
        List<PackEntry> entries;
        try
        {
            await using var stream = File.OpenRead(path);
            entries = DeterministicZip.Read(stream);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return new EvidencePackVerification([new PackProblem(PackProblemKind.Malformed, path, $"not a readable ZIP: {e.Message}")], 0, null, null);
        }

        return Verify(entries);
    }

    internal static EvidencePackVerification Verify(IReadOnlyList<PackEntry> entries)
    {
        var problems = new List<PackProblem>();
        var byName = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (!byName.TryAdd(e.Path, e.Bytes))
            {
                problems.Add(new PackProblem(PackProblemKind.Added, e.Path, "a second entry with this name"));
            }
        }

        if (!byName.TryGetValue(PackFormat.Manifest, out var manifest))
        {
            problems.Add(new PackProblem(PackProblemKind.Removed, PackFormat.Manifest, "the manifest is missing; nothing can be checked"));
            return new EvidencePackVerification(problems, 0, null, null);
        }

        List<(string Path, string Sha256)> files;
        string? fingerprint;
        try
        {
            files = PackManifest.ReadFiles(manifest, out fingerprint);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            problems.Add(new PackProblem(PackProblemKind.Altered, PackFormat.Manifest, $"not a readable manifest: {e.Message}"));
            return new EvidencePackVerification(problems, 0, PackManifest.Sha256(manifest), null);
        }

        var fileProblems = new List<PackProblem>();
        var listed = new HashSet<string>(StringComparer.Ordinal) { PackFormat.Manifest, PackFormat.Signature };
        foreach (var (name, sha256) in files)
        {
            listed.Add(name);
            if (!byName.TryGetValue(name, out var bytes))
            {
                fileProblems.Add(new PackProblem(PackProblemKind.Removed, name, "listed in the manifest but missing"));
            }
            else if (!string.Equals(PackManifest.Sha256(bytes), sha256, StringComparison.OrdinalIgnoreCase))
            {
                fileProblems.Add(new PackProblem(PackProblemKind.Altered, name, $"SHA-256 {PackManifest.Sha256(bytes)} but the manifest lists {sha256}"));
            }
        }

        foreach (var e in entries)
        {
            // A directory entry (what zip tools add when a pack is re-zipped) holds no content to tamper with.
            var isDirectory = e.Path.EndsWith('/') && e.Bytes.Length == 0;
            if (!listed.Contains(e.Path) && !isDirectory)
            {
                fileProblems.Add(new PackProblem(PackProblemKind.Added, e.Path, "not listed in the manifest"));
            }
        }

        var signature = CheckSignature(byName, manifest, fingerprint);
        if (signature is { Kind: PackProblemKind.Altered, Entry: PackFormat.Manifest })
        {
            // The manifest itself was changed: the hashes it lists prove nothing, so it alone is named.
            problems.Add(fileProblems.Count == 0 ? signature : signature with { Detail = $"{signature.Detail}; {fileProblems.Count} entries differ from the altered manifest" });
        }
        else
        {
            problems.AddRange(fileProblems);
            // A changed or missing public key already names public-key.pem; its failed signature check adds nothing.
            if (signature is not null && !fileProblems.Exists(p => p.Entry == PackFormat.PublicKey))
            {
                problems.Add(signature);
            }
        }

        return new EvidencePackVerification(problems, files.Count, PackManifest.Sha256(manifest), fingerprint);
    }

    private static PackProblem? CheckSignature(Dictionary<string, byte[]> byName, byte[] manifest, string? fingerprint)
    {
        if (!byName.TryGetValue(PackFormat.Signature, out var signatureFile))
        {
            return new PackProblem(PackProblemKind.Removed, PackFormat.Signature, "the signature is missing");
        }

        if (!byName.TryGetValue(PackFormat.PublicKey, out var pem))
        {
            return new PackProblem(PackProblemKind.Removed, PackFormat.PublicKey, "the public key is missing; the signature cannot be checked");
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(System.Text.Encoding.ASCII.GetString(pem));
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return new PackProblem(PackProblemKind.Malformed, PackFormat.PublicKey, $"not a readable public key: {e.Message}");
        }

        if (!string.Equals(PackManifest.Fingerprint(key), fingerprint, StringComparison.OrdinalIgnoreCase))
        {
            return new PackProblem(PackProblemKind.Altered, PackFormat.PublicKey, "the key's fingerprint differs from the one in the manifest");
        }

        byte[]? recordedDigest = null;
        byte[]? signature = null;
        try
        {
            using var doc = JsonDocument.Parse(signatureFile);
            recordedDigest = Convert.FromHexString(doc.RootElement.GetProperty("manifestSha256").GetString() ?? "");
            signature = Convert.FromBase64String(doc.RootElement.GetProperty("signatureDerBase64").GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return new PackProblem(PackProblemKind.Altered, PackFormat.Signature, $"not a readable signature: {e.Message}");
        }

        var actualDigest = SHA256.HashData(manifest);
        if (Verifies(key, actualDigest, signature) && recordedDigest.AsSpan().SequenceEqual(actualDigest))
        {
            return null;
        }

        if (Verifies(key, recordedDigest, signature))
        {
            return new PackProblem(PackProblemKind.Altered, PackFormat.Manifest, "its SHA-256 differs from the signed one in manifest.sig");
        }
        else if (Verifies(key, actualDigest, signature))
        {
            return new PackProblem(PackProblemKind.Altered, PackFormat.Signature, "the recorded manifest SHA-256 was changed (the signature itself matches manifest.json)");
        }
        else
        {
            return new PackProblem(PackProblemKind.BadSignature, PackFormat.Signature, "the signature does not verify against manifest.json with public-key.pem");
        }
    }

    private static bool Verifies(ECDsa key, byte[] digest, byte[] signature)
    {
        try
        {
            return digest.Length == 32 && key.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
