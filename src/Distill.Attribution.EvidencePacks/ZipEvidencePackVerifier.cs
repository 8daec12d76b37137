using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// Verifies a pack with nothing but the pack. manifest.sig carries the manifest's SHA-256 and a signature over
/// it, which lets a single change be named exactly: a signature that verifies against the recorded digest but
/// not the manifest's bytes means manifest.json was altered; one that verifies against neither means
/// manifest.sig was. The key in the pack is trusted only as far as its fingerprint matches the one the
/// provider publishes (printed for the reader to compare).
/// </summary>
internal sealed class ZipEvidencePackVerifier : IEvidencePackVerifier
{
    /// <summary>Largest manifest.json, manifest.sig or public-key.pem read into memory (a 2,000-member pack's manifest is ~3 KB).</summary>
    internal const int MaxControlEntryBytes = 16 << 20;

    private readonly long maxUnzippedBytes;

    public ZipEvidencePackVerifier()
        : this(DeterministicZip.MaxUnzippedBytes)
    {
    }

    /// <summary>With a smaller inflate budget, for tests of the bound.</summary>
    internal ZipEvidencePackVerifier(long maxUnzippedBytes) => this.maxUnzippedBytes = maxUnzippedBytes;

    public async Task<EvidencePackVerification> VerifyAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            var container = ZipContainer.Inspect(stream);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return Verify(zip, container, ct);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return new EvidencePackVerification([new PackProblem(PackProblemKind.Malformed, path, $"not a readable ZIP: {e.Message}")], 0, null, null);
        }
    }

    /// <summary>
    /// Streams every listed entry through SHA-256 (memory stays flat whatever an entry's size), stopping an entry
    /// as soon as it inflates past the size its manifest lists and the whole pack past the inflate budget.
    /// Entries the manifest does not list are named without being inflated.
    /// </summary>
    private EvidencePackVerification Verify(ZipArchive zip, List<string> container, CancellationToken ct)
    {
        var problems = new List<PackProblem>();
        var warnings = new List<string>();
        foreach (var finding in container)
        {
            problems.Add(new PackProblem(PackProblemKind.Container, "(zip)", finding));
        }

        var byName = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var e in zip.Entries)
        {
            if (!byName.TryAdd(e.FullName, e))
            {
                problems.Add(new PackProblem(PackProblemKind.Added, e.FullName, "a second entry with this name"));
            }

            if (!string.IsNullOrEmpty(e.Comment))
            {
                problems.Add(new PackProblem(PackProblemKind.Container, e.FullName, $"the entry carries a comment that distill never writes: \"{ZipContainer.Printable(e.Comment)}\""));
            }
        }

        long budget = maxUnzippedBytes;
        if (!byName.TryGetValue(PackFormat.Manifest, out var manifestEntry))
        {
            problems.Add(new PackProblem(PackProblemKind.Removed, PackFormat.Manifest, "the manifest is missing; nothing can be checked"));
            return new EvidencePackVerification(problems, 0, null, null) { Warnings = warnings };
        }

        var manifest = ReadSmall(manifestEntry, ref budget);
        if (manifest is null)
        {
            problems.Add(new PackProblem(PackProblemKind.Malformed, PackFormat.Manifest, $"larger than {MaxControlEntryBytes >> 20} MiB once unzipped: not a manifest distill writes"));
            return new EvidencePackVerification(problems, 0, null, null) { Warnings = warnings };
        }

        List<(string Path, string Sha256, long? Bytes)> files;
        string? fingerprint;
        try
        {
            files = PackManifest.ReadFiles(manifest, out fingerprint);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            problems.Add(new PackProblem(PackProblemKind.Altered, PackFormat.Manifest, $"not a readable manifest: {e.Message}"));
            return new EvidencePackVerification(problems, 0, PackManifest.Sha256(manifest), null) { Warnings = warnings };
        }

        var fileProblems = new List<PackProblem>();
        var listed = new HashSet<string>(StringComparer.Ordinal) { PackFormat.Manifest, PackFormat.Signature };
        foreach (var (name, sha256, bytes) in files)
        {
            ct.ThrowIfCancellationRequested();
            listed.Add(name);
            if (!byName.TryGetValue(name, out var entry))
            {
                fileProblems.Add(new PackProblem(PackProblemKind.Removed, name, "listed in the manifest but missing"));
                continue;
            }

            var (digest, length, stop) = Hash(entry, bytes, ref budget);
            if (stop == Stop.TooLarge)
            {
                fileProblems.Add(new PackProblem(PackProblemKind.Altered, name, $"inflates past the {bytes} bytes the manifest lists; stopped reading it"));
            }
            else if (stop == Stop.Budget)
            {
                fileProblems.Add(new PackProblem(PackProblemKind.Malformed, name, $"the pack inflates past {maxUnzippedBytes >> 20} MiB; stopped reading (a ZIP bomb or not a pack distill writes)"));
                break;
            }
            else if (!string.Equals(digest, sha256, StringComparison.OrdinalIgnoreCase))
            {
                fileProblems.Add(new PackProblem(PackProblemKind.Altered, name, $"SHA-256 {digest} but the manifest lists {sha256}"));
            }
            else if (bytes is { } expected && expected != length)
            {
                fileProblems.Add(new PackProblem(PackProblemKind.Altered, name, $"{length} bytes but the manifest lists {expected}"));
            }
        }

        foreach (var e in zip.Entries)
        {
            if (listed.Contains(e.FullName))
            {
                continue;
            }

            // A directory entry (what zip tools add when a pack is re-zipped) holds no content: named, not failed.
            if (e.FullName.EndsWith('/') && e.Length == 0)
            {
                warnings.Add($"directory entry {ZipContainer.Printable(e.FullName)} (not written by distill; holds no content)");
            }
            else
            {
                fileProblems.Add(new PackProblem(PackProblemKind.Added, ZipContainer.Printable(e.FullName), "not listed in the manifest"));
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

        return new EvidencePackVerification(problems, files.Count, PackManifest.Sha256(manifest), fingerprint) { Warnings = warnings };
    }

    private enum Stop
    {
        None,
        TooLarge,
        Budget,
    }

    private static (string Sha256, long Length, Stop Stop) Hash(ZipArchiveEntry entry, long? listedBytes, ref long budget)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = entry.Open();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        long length = 0;
        try
        {
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                // Counted while inflating: the sizes in the ZIP's headers are the sender's word.
                length += read;
                budget -= read;
                if (listedBytes is { } listed && length > listed)
                {
                    return ("", length, Stop.TooLarge);
                }

                if (budget < 0)
                {
                    return ("", length, Stop.Budget);
                }

                hash.AppendData(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), length, Stop.None);
    }

    /// <summary>An entry's bytes, or null past <see cref="MaxControlEntryBytes"/> or the inflate budget.</summary>
    private static byte[]? ReadSmall(ZipArchiveEntry entry, ref long budget)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            budget -= read;
            if (buffer.Length + read > MaxControlEntryBytes || budget < 0)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static PackProblem? CheckSignature(Dictionary<string, ZipArchiveEntry> byName, byte[] manifest, string? fingerprint)
    {
        if (!byName.TryGetValue(PackFormat.Signature, out var signatureEntry))
        {
            return new PackProblem(PackProblemKind.Removed, PackFormat.Signature, "the signature is missing");
        }

        if (!byName.TryGetValue(PackFormat.PublicKey, out var pemEntry))
        {
            return new PackProblem(PackProblemKind.Removed, PackFormat.PublicKey, "the public key is missing; the signature cannot be checked");
        }

        // Their own allowance: a pack that spent the inflate budget on a bloated entry still gets its signature named right.
        long allowance = 2L * MaxControlEntryBytes;
        var signatureFile = ReadSmall(signatureEntry, ref allowance);
        var pem = ReadSmall(pemEntry, ref allowance);
        if (signatureFile is null || pem is null)
        {
            return new PackProblem(PackProblemKind.Malformed, signatureFile is null ? PackFormat.Signature : PackFormat.PublicKey, $"larger than {MaxControlEntryBytes >> 20} MiB once unzipped");
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
