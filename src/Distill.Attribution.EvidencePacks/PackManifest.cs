using System.Security.Cryptography;
using System.Text.Json;

namespace Distill.Attribution.EvidencePacks;

/// <summary>
/// manifest.json (the SHA-256 and size of every other entry, plus what the pack is about) and manifest.sig (the
/// manifest's SHA-256 and an ECDSA P-256 signature over it, DER-encoded so openssl can check it too).
/// </summary>
internal static class PackManifest
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(IReadOnlyList<PackEntry> files, IReadOnlyDictionary<string, string> about, string keyFingerprint)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("format", PackFormat.Format);
            foreach (var (name, value) in about)
            {
                json.WriteString(name, value);
            }

            json.WriteStartObject("signature");
            json.WriteString("algorithm", PackFormat.SignatureAlgorithm);
            json.WriteString("file", PackFormat.Signature);
            json.WriteString("publicKey", PackFormat.PublicKey);
            json.WriteString("publicKeySha256", keyFingerprint);
            json.WriteEndObject();
            json.WriteStartArray("files");
            foreach (var file in files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("sha256", Sha256(file.Bytes));
                json.WriteNumber("bytes", file.Bytes.Length);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The files a manifest lists (path, hex SHA-256 and size when given), in its order; throws
    /// <see cref="JsonException"/> on a malformed manifest.
    /// </summary>
    public static List<(string Path, string Sha256, long? Bytes)> ReadFiles(byte[] manifest, out string? keyFingerprint)
    {
        using var doc = JsonDocument.Parse(manifest);
        keyFingerprint = doc.RootElement.TryGetProperty("signature", out var sig) && sig.TryGetProperty("publicKeySha256", out var fp) ? fp.GetString() : null;
        var files = new List<(string, string, long?)>();
        foreach (var file in doc.RootElement.GetProperty("files").EnumerateArray())
        {
            long? bytes = file.TryGetProperty("bytes", out var b) && b.ValueKind == JsonValueKind.Number && b.TryGetInt64(out var n) && n >= 0 ? n : null;
            files.Add((file.GetProperty("path").GetString() ?? throw new JsonException("A file without a path."),
                file.GetProperty("sha256").GetString() ?? throw new JsonException("A file without a hash."), bytes));
        }

        return files;
    }

    /// <summary>manifest.sig for <paramref name="manifest"/>: its SHA-256 and the signer's DER signature over that digest.</summary>
    public static byte[] Sign(IManifestSigner signer, byte[] manifest)
    {
        var digest = SHA256.HashData(manifest);
        var signature = signer.SignHash(digest);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("algorithm", PackFormat.SignatureAlgorithm);
            json.WriteString("signs", PackFormat.Manifest);
            json.WriteString("manifestSha256", Convert.ToHexStringLower(digest));
            json.WriteString("signatureDerBase64", Convert.ToBase64String(signature));
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Hex SHA-256 of the public key's SubjectPublicKeyInfo (DER): the fingerprint a legal team compares.</summary>
    public static string Fingerprint(ECDsa key) => Sha256(key.ExportSubjectPublicKeyInfo());

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
