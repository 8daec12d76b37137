using System.Text;
using Distill.Attribution.Application.Abstractions;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// Lays a pack out as a ZIP in a fixed order: report.pdf, evidence.json, members.csv, graph.svg,
/// stix-bundle.json, sources/*.jsonl, custody.jsonl, public-key.pem, manifest.json, manifest.sig. Every entry
/// is stamped with the pack's time, and the manifest is signed deterministically (RFC 6979), so the same content,
/// clock and key give a byte-identical ZIP, manifest.sig included.
/// </summary>
internal sealed class ZipEvidencePackWriter(IManifestSigner signer, EvidencePackOptions options) : IEvidencePackWriter
{
    public async Task<EvidencePackWritten> WriteAsync(EvidencePackContent content, string outputPath, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = Build(content, out var manifestSha256, out var fingerprint, out var entryCount);
        var full = Path.GetFullPath(outputPath);
        if (Path.GetDirectoryName(full) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }

        // Write then rename: a reader never sees half a pack.
        var temp = full + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temp, bytes, ct);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            // A full disk (or a cancel) must not leave a partial or 0-byte temporary behind.
            File.Delete(temp);
            throw;
        }
        return new EvidencePackWritten(full, manifestSha256, fingerprint, entryCount);
    }

    internal byte[] Build(EvidencePackContent content, out string manifestSha256, out string fingerprint, out int entryCount)
    {
        var drawing = ClusterDrawing.Of(content.Cluster);
        var title = $"Cluster {content.Cluster.Id} of {content.Run.RunId}";
        var files = new List<PackEntry>
        {
            new("report.pdf", PdfReport.Write(content, drawing)),
            new("evidence.json", EvidenceJson.Write(content)),
            new("members.csv", MembersCsv.Write(content)),
            new("graph.svg", GraphSvg.Write(drawing, title)),
            new("stix-bundle.json", StixBundle.Write(content, drawing, options.ProviderName)),
        };
        files.AddRange(SourcesJsonl.Write(content.Sources));
        files.Add(new PackEntry("custody.jsonl", CustodyJsonl.Write(content.Custody)));
        var publicKey = signer.ExportSubjectPublicKeyInfo();
        files.Add(new PackEntry(PackFormat.PublicKey, Encoding.ASCII.GetBytes(new string(System.Security.Cryptography.PemEncoding.Write("PUBLIC KEY", publicKey)) + "\n")));
        fingerprint = PackManifest.Sha256(publicKey);
        var about = new Dictionary<string, string>
        {
            ["createdAt"] = PackText.Time(content.CreatedAt),
            ["runId"] = content.Run.RunId,
            ["clusterId"] = content.Cluster.Id,
            ["inputHash"] = content.Run.InputHash,
            ["membershipHash"] = content.Run.MembershipHash,
            ["codeVersion"] = content.Run.CodeVersion,
        };
        var manifest = PackManifest.Write(files, about, fingerprint);
        manifestSha256 = PackManifest.Sha256(manifest);
        files.Add(new PackEntry(PackFormat.Manifest, manifest));
        files.Add(new PackEntry(PackFormat.Signature, PackManifest.Sign(signer, manifest)));
        entryCount = files.Count;
        using var zip = new MemoryStream();
        DeterministicZip.Write(zip, files, content.CreatedAt);
        return zip.ToArray();
    }
}
